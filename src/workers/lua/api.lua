-- Faas Lua worker: the reference's API (log, kv, env, http, json, crypto, time, url, strings, random,
-- base64), installed into each call's environment. kv, env, log, http, crypto and time.format/parse
-- are requests to the server (implemented once in C#); the rest is plain Lua.
local json = require("json")

local format, byte, char, sub, concat = string.format, string.byte, string.char, string.sub, table.concat
local mtype, floor = math.type, math.floor

local api = {}

-- ---------- base64 ----------
local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local B64_INDEX = {}
for i = 1, 64 do B64_INDEX[byte(B64, i)] = i - 1 end

local function b64encode(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = byte(s, i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1, c2, c3, c4 = n >> 18 & 63, n >> 12 & 63, n >> 6 & 63, n & 63
    out[#out + 1] = sub(B64, c1 + 1, c1 + 1) .. sub(B64, c2 + 1, c2 + 1)
      .. (b and sub(B64, c3 + 1, c3 + 1) or "=") .. (c and sub(B64, c4 + 1, c4 + 1) or "=")
  end
  return concat(out)
end

local function b64decode(s)
  s = s:gsub("[\r\n]", "")
  if #s % 4 ~= 0 or s:find("[^%w%+/=]") or s:find("=[^=]") then return nil, "illegal base64 data" end
  local out = {}
  for i = 1, #s, 4 do
    local n, pad = 0, 0
    for j = i, i + 3 do
      local c = byte(s, j)
      if c == 61 then pad = pad + 1; n = n * 64 else n = n * 64 + B64_INDEX[c] end
    end
    local bytes = char(n >> 16 & 255, n >> 8 & 255, n & 255)
    out[#out + 1] = sub(bytes, 1, 3 - pad)
  end
  return concat(out)
end

-- ---------- helpers ----------
local function text(value, what, level)
  local kind = type(value)
  if kind == "string" then return value end
  if kind == "number" then
    if mtype(value) == "integer" then return format("%d", value) end
    if value == floor(value) and value > -2^63 and value < 2^63 then return format("%d", math.tointeger(value)) end
    return format("%.14g", value)
  end
  error(format("%s: expected a string, got %s", what, kind), (level or 2) + 1)
end

local function escape(s, space_plus)
  s = s:gsub("[^%w%-%._~]", function(c) return format("%%%02X", byte(c)) end)
  if space_plus then s = s:gsub("%%20", "+") end
  return s
end

local function unescape(s, plus_space)
  if plus_space then s = s:gsub("+", " ") end
  if s:find("%%[^%x]") or s:find("%%%x[^%x]") or s:find("%%%x?$") then return nil, "invalid URL escape" end
  return (s:gsub("%%(%x%x)", function(h) return char(tonumber(h, 16)) end))
end

-- ---------- strings (Go's strings package, as the reference) ----------
local function plain_find(s, sub_, init) return string.find(s, sub_, init, true) end

local strings = {
  trim = function(s) return (text(s, "strings.trim"):gsub("^[ \t\r\n]+", ""):gsub("[ \t\r\n]+$", "")) end,
  trimLeft = function(s) return (text(s, "strings.trimLeft"):gsub("^[ \t\r\n]+", "")) end,
  trimRight = function(s) return (text(s, "strings.trimRight"):gsub("[ \t\r\n]+$", "")) end,
  split = function(s, sep)
    s, sep = text(s, "strings.split"), text(sep, "strings.split")
    local parts = {}
    if sep == "" then
      for _, c in utf8.codes(s) do parts[#parts + 1] = utf8.char(c) end
      return parts
    end
    local start = 1
    while true do
      local i, j = plain_find(s, sep, start)
      if not i then break end
      parts[#parts + 1] = sub(s, start, i - 1)
      start = j + 1
    end
    parts[#parts + 1] = sub(s, start)
    return parts
  end,
  join = function(t, sep)
    local parts = {}
    for i, v in ipairs(t) do parts[i] = text(v, "strings.join") end
    return concat(parts, sep and text(sep, "strings.join") or "")
  end,
  hasPrefix = function(s, p) s, p = text(s, "strings.hasPrefix"), text(p, "strings.hasPrefix"); return sub(s, 1, #p) == p end,
  hasSuffix = function(s, p) s, p = text(s, "strings.hasSuffix"), text(p, "strings.hasSuffix"); return p == "" or sub(s, -#p) == p end,
  replace = function(s, old, new, n)
    s, old, new = text(s, "strings.replace"), text(old, "strings.replace"), text(new, "strings.replace")
    n = n or -1
    if old == "" or n == 0 then return s end
    local out, start, count = {}, 1, 0
    while n < 0 or count < n do
      local i, j = plain_find(s, old, start)
      if not i then break end
      out[#out + 1] = sub(s, start, i - 1)
      out[#out + 1] = new
      start, count = j + 1, count + 1
    end
    out[#out + 1] = sub(s, start)
    return concat(out)
  end,
  toLower = function(s) return text(s, "strings.toLower"):lower() end,
  toUpper = function(s) return text(s, "strings.toUpper"):upper() end,
  contains = function(s, sub_) return plain_find(text(s, "strings.contains"), text(sub_, "strings.contains"), 1) ~= nil end,
  ["repeat"] = function(s, n)
    s = text(s, "strings.repeat")
    if type(n) ~= "number" or n < 0 then error("strings.repeat: negative or missing count", 2) end
    if #s * n > 64 * 1024 * 1024 then error("strings.repeat: the result would be too large", 2) end
    return s:rep(n)
  end,
}

-- ---------- url ----------
local function parse_query(q)
  local query = {}
  for pair in q:gmatch("[^&;]+") do
    local k, v = pair:match("^([^=]*)=?(.*)$")
    k, v = unescape(k, true) or k, unescape(v, true) or v
    local existing = query[k]
    if existing == nil then query[k] = v
    elseif type(existing) == "table" then existing[#existing + 1] = v
    else query[k] = { existing, v } end
  end
  return query
end

local url = {
  parse = function(s)
    s = text(s, "url.parse")
    if s:find("[%c ]") then return nil, "invalid URL: contains a space or control character" end
    local result = { query = {} }
    local rest = s
    local fragment = rest:match("#(.*)$")
    if fragment then result.fragment = unescape(fragment) or fragment; rest = rest:gsub("#.*$", "") end
    local q = rest:match("%?(.*)$")
    if q then result.query = parse_query(q); result.rawQuery = q; rest = rest:gsub("%?.*$", "") end
    local scheme, after = rest:match("^([%a][%w%+%-%.]*):(.*)$")
    if scheme then result.scheme = scheme:lower(); rest = after else result.scheme = "" end
    if sub(rest, 1, 2) == "//" then
      local authority, path = rest:match("^//([^/]*)(.*)$")
      local userinfo, host = authority:match("^(.*)@(.*)$")
      if userinfo then
        local user, pass = userinfo:match("^([^:]*):(.*)$")
        result.username = unescape(user or userinfo) or user or userinfo
        if pass then result.password = unescape(pass) or pass end
      else
        host = authority
      end
      result.host = host
      rest = path
    else
      result.host = ""
    end
    local path, err = unescape(rest)
    if not path then return nil, "invalid URL: " .. err end
    result.path = path
    return result
  end,
  encode = function(s) return escape(text(s, "url.encode"), true) end,
  decode = function(s)
    local decoded, err = unescape(text(s, "url.decode"), true)
    if not decoded then return nil, err end
    return decoded
  end,
}

--- Installs the API into the sandbox's template environment (once). ctx: the running call's services
--- (request, notify) and execution, read at call time.
function api.install(env, ctx, clock)
  local function request(method, params) return ctx.services.request(method, params) end
  local function notify(method, params) return ctx.services.notify(method, params) end

  local function call(method, params)
    local result, err = request(method, params)
    -- A long wait (an HTTP request, a sleep) may have used the call's time up.
    clock.check()
    return result, err
  end

  local function logger(level)
    return function(msg)
      notify("faas.log", { execution = ctx.execution, level = level, message = type(msg) == "string" and msg or tostring(msg) })
    end
  end
  env.log = { info = logger("info"), debug = logger("debug"), warn = logger("warn"), error = logger("error") }

  env.kv = {
    get = function(key)
      local value, err = call("faas.kv.get", { key = text(key, "kv.get") })
      if err then return nil, err end
      return value
    end,
    set = function(key, value)
      local ok, err = call("faas.kv.set", { key = text(key, "kv.set"), value = text(value, "kv.set") })
      if err then return false, err end
      return ok == true
    end,
    delete = function(key)
      local ok, err = call("faas.kv.delete", { key = text(key, "kv.delete") })
      if err then return false, err end
      return ok == true
    end,
    list = function(prefix)
      local keys, err = call("faas.kv.list", { prefix = prefix and text(prefix, "kv.list") or "" })
      if err then return nil, err end
      return keys
    end,
  }

  env.env = {
    get = function(name)
      local value, err = call("faas.env.get", { name = text(name, "env.get") })
      if err then return nil, err end
      return value
    end,
    set = function(name, value)
      local ok, err = call("faas.env.set", { name = text(name, "env.set"), value = text(value, "env.set") })
      if err then return false, err end
      return ok == true
    end,
    delete = function(name)
      local ok, err = call("faas.env.delete", { name = text(name, "env.delete") })
      if err then return false, err end
      return ok == true
    end,
  }

  local function http(method)
    return function(target, opts)
      target = text(target, "http." .. method:lower())
      if opts ~= nil and type(opts) ~= "table" then error("http." .. method:lower() .. ": opts must be a table", 2) end
      opts = opts or {}
      local params = { method = method, url = target, headers = opts.headers or {}, query = opts.query or {},
        timeoutMs = math.max(1, floor(clock.remaining_ms())) }
      if opts.body ~= nil and (method == "POST" or method == "PUT") then params.body = text(opts.body, "http body") end
      local resp, err = call("faas.http.request", params)
      if err then return nil, err end
      return resp
    end
  end
  env.http = { get = http("GET"), post = http("POST"), put = http("PUT"), delete = http("DELETE") }

  env.json = {
    encode = function(v)
      local ok, s = pcall(json.encode, v)
      if not ok then return nil, s end
      return s
    end,
    decode = function(s)
      local ok, v = pcall(json.decode, text(s, "json.decode"))
      if not ok then return nil, v end
      return json.strip(v)
    end,
  }

  env.base64 = {
    encode = function(s) return b64encode(text(s, "base64.encode")) end,
    decode = function(s) return b64decode(text(s, "base64.decode")) end,
  }

  local function hash(algorithm)
    return function(s)
      return (call("faas.crypto.hash", { algorithm = algorithm, data = b64encode(text(s, algorithm)) }))
    end
  end
  local function hmac(algorithm)
    return function(message, key)
      return (call("faas.crypto.hmac", { algorithm = algorithm, message = b64encode(text(message, "hmac_" .. algorithm)),
        key = b64encode(text(key, "hmac_" .. algorithm)) }))
    end
  end

  -- Random bytes come from the server's cryptographic generator, fetched a few at a time.
  local pool, pool_at = "", 1
  local function random_bytes(n)
    if pool_at + n - 1 > #pool then
      pool = b64decode(call("faas.random.bytes", { n = math.max(256, n) }) or "") or ""
      pool_at = 1
    end
    local bytes = sub(pool, pool_at, pool_at + n - 1)
    pool_at = pool_at + n
    return bytes
  end
  local function random_integer()
    local a, b, c, d, e, f, g = byte(random_bytes(7), 1, 7)
    return ((((((a * 256 + b) * 256 + c) * 256 + d) * 256 + e) * 256 + f) * 256 + g) >> 3 -- 53 bits
  end
  local function hex(bytes) return (bytes:gsub(".", function(c) return format("%02x", byte(c)) end)) end

  env.crypto = {
    md5 = hash("md5"), sha1 = hash("sha1"), sha256 = hash("sha256"), sha512 = hash("sha512"),
    hmac_sha1 = hmac("sha1"), hmac_sha256 = hmac("sha256"), hmac_sha512 = hmac("sha512"),
    uuid = function()
      local b = { byte(random_bytes(16), 1, 16) }
      b[7] = (b[7] & 0x0f) | 0x40
      b[9] = (b[9] & 0x3f) | 0x80
      local h = hex(char(table.unpack(b)))
      return format("%s-%s-%s-%s-%s", sub(h, 1, 8), sub(h, 9, 12), sub(h, 13, 16), sub(h, 17, 20), sub(h, 21, 32))
    end,
  }

  local XID = "0123456789abcdefghijklmnopqrstuv"
  local ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
  env.random = {
    int = function(min, max)
      if type(min) ~= "number" or type(max) ~= "number" then error("random.int: min and max must be numbers", 2) end
      min, max = floor(min), floor(max)
      if min > max then error("random.int: min is greater than max", 2) end
      return math.tointeger(min + random_integer() % (max - min + 1))
    end,
    float = function() return random_integer() / 2^53 end,
    string = function(n)
      local out = {}
      for i = 1, n do
        local k = random_integer() % #ALNUM + 1
        out[i] = sub(ALNUM, k, k)
      end
      return concat(out)
    end,
    bytes = function(n) return b64encode(random_bytes(n)) end,
    hex = function(n) return hex(random_bytes(n)) end,
    id = function()
      -- xid-like: 4 bytes of time then 8 random, 96 bits as 20 characters (base32hex, sortable by time).
      local t = os.time()
      local raw = char(t >> 24 & 255, t >> 16 & 255, t >> 8 & 255, t & 255) .. random_bytes(8)
      local bits, out = 0, {}
      local acc = 0
      for i = 1, 12 do
        acc = (acc << 8) | byte(raw, i)
        bits = bits + 8
        while bits >= 5 do
          bits = bits - 5
          local k = (acc >> bits) & 31
          out[#out + 1] = sub(XID, k + 1, k + 1)
        end
      end
      if bits > 0 then
        local k = (acc << (5 - bits)) & 31
        out[#out + 1] = sub(XID, k + 1, k + 1)
      end
      return concat(out)
    end,
  }

  env.time = {
    now = function() return os.time() end,
    format = function(ts, layout)
      if type(ts) ~= "number" then error("time.format: the timestamp must be a number", 2) end
      return (call("faas.time.format", { timestamp = ts, layout = text(layout, "time.format") }))
    end,
    parse = function(s, layout)
      local ts, err = call("faas.time.parse", { value = text(s, "time.parse"), layout = text(layout, "time.parse") })
      if err then return nil, err end
      return ts
    end,
    sleep = function(ms)
      if type(ms) ~= "number" or ms < 0 then error("time.sleep: ms must be a non-negative number", 2) end
      local remaining = clock.remaining_ms()
      local wait = math.min(ms, remaining + 1)
      request("faas.time.sleep", { ms = floor(wait) })
      clock.waited(wait)
      clock.check()
    end,
  }

  env.strings = {}
  for k, v in pairs(strings) do env.strings[k] = v end
  env.url = {}
  for k, v in pairs(url) do env.url[k] = v end
end

return api
