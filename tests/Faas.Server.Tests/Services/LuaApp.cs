namespace Faas.Server.Tests.Services;

/// <summary>The Lua app the Lua tests call: one function per API module, and the sandbox probes.</summary>
internal static class LuaApp
{
    public const string Source = """
        function add(a, b) return a + b end
        function half(x) return x / 2 end
        function echo(v) return v end

        function kv_roundtrip(key, value)
          local ok = kv.set(key, value)
          local got = kv.get(key)
          local keys = kv.list("rt:")
          local deleted = kv.delete(key)
          return { ok = ok, got = got, keys = keys, deleted = deleted, after = kv.get(key), again = kv.delete(key) }
        end

        function kv_get(key) return kv.get(key) end

        function env_roundtrip()
          local before = env.get("GREETING")
          local set = env.set("ADDED", "yes")
          local added = env.get("ADDED")
          local deleted = env.delete("ADDED")
          return { before = before, set = set, added = added, deleted = deleted, after = env.get("ADDED") }
        end

        function env_get(name) return env.get(name) end
        function env_set(name, value) return env.set(name, value) end

        function logs()
          log.info("one")
          log.warn("two")
          log.debug(3)
          log.error("four")
          return true
        end

        function http_get(target)
          local resp, err = http.get(target, { headers = { ["X-Test"] = "yes" }, query = { q = "a b" } })
          if err then return { err = err } end
          return resp
        end

        function http_send(method, target)
          local resp, err = http[method](target, { body = "payload", headers = { ["Content-Type"] = "text/plain" } })
          if err then return { err = err } end
          return resp
        end

        function http_refused()
          local resp, err = http.get("http://127.0.0.1:1/nothing")
          return { resp = resp, err = err }
        end

        function json_api()
          local decoded = json.decode('{"x":[1,2.5,"s"],"n":null}')
          local bad, err = json.decode("{")
          return { s = json.encode({ a = 1, b = { 1, 2, 3 } }), x1 = decoded.x[1], x2 = decoded.x[2], hasN = decoded.n ~= nil,
            bad = bad, err = err ~= nil, empty = json.encode({}) }
        end

        function crypto_api()
          return { md5 = crypto.md5("hello"), sha1 = crypto.sha1("hello"), sha256 = crypto.sha256("hello"), sha512 = crypto.sha512("hello"),
            hmac1 = crypto.hmac_sha1("msg", "key"), hmac256 = crypto.hmac_sha256("msg", "key"), hmac512 = crypto.hmac_sha512("msg", "key"),
            uuid = crypto.uuid() }
        end

        function time_api()
          local parsed = time.parse("2023-11-14 22:13:20", "2006-01-02 15:04:05")
          local bad, err = time.parse("nope", "2006-01-02")
          local now = time.now()
          time.sleep(5)
          return { s = time.format(1700000000, "2006-01-02 15:04:05"), iso = time.format(1700000000, "2006-01-02T15:04:05Z07:00"),
            p = parsed, bad = bad, err = err ~= nil, nowOk = now > 1700000000 and math.type(now) == "integer" }
        end

        function url_api()
          local u = url.parse("https://user:pw@example.com:8080/a%20b?x=1&y=2&y=3#frag")
          local bad, err = url.decode("%zz")
          return { u = u, enc = url.encode("a b&c"), dec = url.decode("a+b%26c"), bad = bad, err = err ~= nil }
        end

        function strings_api()
          return { trim = strings.trim("  x \n"), tl = strings.trimLeft("  x "), tr = strings.trimRight("  x "),
            split = strings.split("a,b,c", ","), join = strings.join({ "a", "b" }, "-"), hp = strings.hasPrefix("hello", "he"),
            hs = strings.hasSuffix("hello", "lo"), rep = strings.replace("aaa", "a", "b", 2), all = strings.replace("aaa", "a", "b"),
            lower = strings.toLower("AB"), upper = strings.toUpper("ab"), contains = strings.contains("hello", "ell"),
            rpt = strings["repeat"]("ab", 3) }
        end

        function random_api()
          local ints = {}
          for i = 1, 50 do ints[i] = random.int(1, 6) end
          return { ints = ints, f = random.float(), s = random.string(8), b = random.bytes(12), h = random.hex(4), id = random.id() }
        end

        function base64_api()
          local e = base64.encode("hello world")
          local bad, err = base64.decode("!!")
          return { e = e, d = base64.decode(e), bad = bad, err = err ~= nil }
        end

        function sandbox_probe()
          local bytecode, bytecode_err = load("\27LuaT\0\25\147\13\10\26\10\4\8\8")
          return {
            io = io == nil, debug = debug == nil, package = package == nil, require = require == nil,
            dofile = dofile == nil, loadfile = loadfile == nil, collectgarbage = collectgarbage == nil,
            dump = string.dump == nil, method_dump = ("").dump == nil, string_mt = getmetatable("") == false,
            os_execute = os.execute == nil, os_getenv = os.getenv == nil, os_exit = os.exit == nil, os_remove = os.remove == nil,
            os_time = type(os.time) == "function" and type(os.clock) == "function" and type(os.date) == "function",
            bytecode = bytecode == nil and tostring(bytecode_err):find("binary") ~= nil,
            text_load = load("return 1 + 1")() == 2,
            gc = not pcall(setmetatable, {}, { __gc = function() end }),
            env_mt = getmetatable(_G) == false and not pcall(setmetatable, _G, {}),
          }
        end

        function leak()
          leaked = (leaked or 0) + 1
          string.upper = nil
          math.pi = 3
          rawset(table, "concat", nil)
          kv.get = function() return "evil" end
          coroutine.create = nil
          return { leaked = leaked }
        end

        function fresh()
          return { upper = string.upper("a"), pi = math.pi > 3.14, leaked = leaked == nil,
            others = table.concat({ "o", "k" }) == "ok" and kv.get("fresh:none") == nil and type(coroutine.create) == "function" }
        end

        function loop() while true do end end
        function caught_loop() while true do pcall(function() while true do end end) end end
        function co_loop()
          local co = coroutine.wrap(function() while true do end end)
          co()
        end
        function big() return string.rep("x", 1024 * 1024 * 1024) end
        function fails() error("boom") end
        """;
}
