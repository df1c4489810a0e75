-- Faas Lua worker: the sandbox user code runs in. Everything it needs from the real globals is captured
-- here, before any user code exists. User code is loaded as text only into a fresh environment per call
-- without io, os (but os.time/clock/date), debug, package, require, dofile, loadfile, string.dump,
-- collectgarbage; a count hook ends a call that runs past its timeout.
local api = require("api")

local raw_load, raw_pcall, raw_xpcall, raw_error = load, pcall, xpcall, error
local raw_setmetatable, raw_select, raw_type, raw_tostring = setmetatable, select, type, tostring
local sethook, traceback, getinfo, getlocal = debug.sethook, debug.traceback, debug.getinfo, debug.getlocal
local setupvalue, getupvalue = debug.setupvalue, debug.getupvalue
local clock, stderr = os.clock, io.stderr
local os_time, os_date = os.time, os.date
local co_create, co_wrap = coroutine.create, coroutine.wrap
local pack, unpack, concat = table.pack, table.unpack, table.concat
local string_rep = string.rep

-- string.dump would turn a function into bytecode; the string metatable would let user code reach the
-- shared string table (and change it for every later call).
string.dump = nil
getmetatable("").__metatable = false

local BASE = { "assert", "error", "ipairs", "next", "pairs", "rawequal", "rawget", "rawlen", "rawset", "select",
  "tonumber", "tostring", "type", "getmetatable", "_VERSION" }
local LIBS = { "string", "table", "math", "utf8", "coroutine" }
local captured = {}
for _, name in ipairs(BASE) do captured[name] = _G[name] end
local libs = {}
for _, name in ipairs(LIBS) do
  local copy = {}
  for k, v in pairs(_G[name]) do copy[k] = v end
  libs[name] = copy
end

local HOOK_COUNT = 10000
local MAX_STRING = 64 * 1024 * 1024
local state = { deadline_ms = math.huge, waited_ms = 0, timed_out = false, timeout_ms = 0, started = 0, wall_deadline = math.huge }

local function timeout_message()
  return ("timeout: the call ran past its %d ms limit"):format(state.timeout_ms)
end

local function elapsed_ms()
  return (clock() - state.started) * 1000 + state.waited_ms
end

local function hook()
  if state.timed_out or elapsed_ms() > state.deadline_ms or os_time() >= state.wall_deadline then
    state.timed_out = true
    raw_error(timeout_message(), 0)
  end
end

local function start_clock(timeout_ms)
  state.timeout_ms = timeout_ms
  -- A little before the server's own deadline, so the worker ends the call itself and lives on.
  state.deadline_ms = math.max(1, math.min(timeout_ms * 0.9, timeout_ms - 50))
  state.waited_ms, state.timed_out, state.started = 0, false, clock()
  -- CPU time lags the wall clock on a busy machine; os.time() (whole seconds) bounds the wall time too,
  -- ending the call 1 to 2 s before the server's deadline (timeouts above 2 s).
  state.wall_deadline = timeout_ms > 2000 and os_time() + (timeout_ms // 1000) - 1 or math.huge
  sethook(hook, "", HOOK_COUNT)
end

local function stop_clock()
  sethook()
  state.deadline_ms, state.wall_deadline = math.huge, math.huge
end

-- Time spent waiting (time.sleep) counts against the deadline like running code.
local clock_api = {
  remaining_ms = function() return math.max(0, state.deadline_ms - elapsed_ms()) end,
  waited = function(ms) state.waited_ms = state.waited_ms + ms end,
  check = function() hook() end,
}

-- A pcall that cannot swallow the timeout: once the call is out of time, every catch re-raises it.
local function guarded(results)
  if state.timed_out then raw_error(timeout_message(), 0) end
  return unpack(results, 1, results.n)
end

-- Each call's environment is a new empty table whose metatable (shared, protected by __metatable) reads
-- through to TEMPLATE, built once: the base functions and the sandbox's wrappers as they are, and every
-- library table (string, math, kv, json, ...) copied into the call's environment on its first use, so
-- whatever a call does to a library, or to its globals, is gone with its environment.
local TEMPLATE, LIBRARY, PER_ENV = {}, {}, {}
local current = { services = nil, execution = nil } -- the running call, read by the API's functions

for _, name in ipairs(BASE) do TEMPLATE[name] = captured[name] end
for _, name in ipairs(LIBS) do
  local copy = {}
  for k, v in pairs(libs[name]) do copy[k] = v end
  TEMPLATE[name] = copy
end
TEMPLATE.string.rep = function(s, n, sep)
  local size = #raw_tostring(s) * (tonumber(n) or 0) + (sep and #raw_tostring(sep) * math.max(0, (tonumber(n) or 0) - 1) or 0)
  if size > MAX_STRING then raw_error("string.rep: the result would be larger than " .. MAX_STRING .. " bytes", 2) end
  return string_rep(s, n, sep)
end
-- Hooks are per coroutine: each one the sandbox creates gets the timeout hook too.
TEMPLATE.coroutine.create = function(f)
  local co = co_create(f)
  sethook(co, hook, "", HOOK_COUNT)
  return co
end
TEMPLATE.coroutine.wrap = function(f)
  local co = co_create(f)
  sethook(co, hook, "", HOOK_COUNT)
  return function(...)
    local results = pack(coroutine.resume(co, ...))
    if not results[1] then raw_error(results[2], 0) end
    return unpack(results, 2, results.n)
  end
end
TEMPLATE.os = { time = os_time, clock = clock, date = os_date }
TEMPLATE.pcall = function(f, ...) return guarded(pack(raw_pcall(f, ...))) end
TEMPLATE.xpcall = function(f, handler, ...) return guarded(pack(raw_xpcall(f, handler, ...))) end
TEMPLATE.setmetatable = function(t, mt)
  -- A finaliser would run later, outside this call and its timeout.
  if raw_type(mt) == "table" and rawget(mt, "__gc") ~= nil then raw_error("setmetatable: __gc is not allowed", 2) end
  return raw_setmetatable(t, mt)
end
TEMPLATE.print = function(...)
  local parts = {}
  for i = 1, raw_select("#", ...) do parts[i] = raw_tostring((raw_select(i, ...))) end
  stderr:write(concat(parts, "\t"), "\n")
  stderr:flush()
end
-- As GopherLua (the reference): tonumber(nil) is nil, not an error, so `tonumber(kv.get(k)) or 0` works.
TEMPLATE.tonumber = function(v, ...)
  if v == nil then return nil end
  return captured.tonumber(v, ...)
end
-- Lua 5.1 names the reference's scripts use.
TEMPLATE.unpack = unpack
TEMPLATE.math.pow = function(a, b) return a ^ b end
api.install(TEMPLATE, current, clock_api)

-- Text only: a binary chunk (bytecode) is refused. These three belong to one environment.
PER_ENV.load = function(env)
  return function(chunk, name, _, chunk_env)
    if raw_type(chunk) ~= "string" then return nil, "load: only source text can be loaded" end
    return raw_load(chunk, name, "t", chunk_env or env)
  end
end
PER_ENV.loadstring = function(env)
  return function(s, name)
    if raw_type(s) ~= "string" then return nil, "loadstring: only source text can be loaded" end
    return raw_load(s, name, "t", env)
  end
end
PER_ENV._G = function(env) return env end

-- Library tables hold functions, strings and numbers only (a nested table would be shared by every call).
for name, value in pairs(TEMPLATE) do
  if raw_type(value) == "table" then
    LIBRARY[name] = true
    for key, field in pairs(value) do
      assert(raw_type(field) ~= "table", "sandbox: " .. name .. "." .. key .. " is a table")
    end
  end
end

local ENV_MT = { __metatable = false }
ENV_MT.__index = function(env, key)
  local value = TEMPLATE[key]
  if value ~= nil and LIBRARY[key] then
    local copy = {}
    for k, v in next, value do copy[k] = v end
    value = copy
  elseif value == nil then
    local make = PER_ENV[key]
    if make == nil then return nil end
    value = make(env)
  else
    return value
  end
  rawset(env, key, value)
  return value
end

local function new_env(ctx)
  current.services, current.execution = ctx.services, ctx.execution
  return raw_setmetatable({}, ENV_MT)
end

local function failure(err)
  local message = raw_type(err) == "string" and err or raw_tostring(err)
  return { message = message, trace = traceback(message, 2), type = state.timed_out and "TimeoutError" or "LuaError" }
end

-- Memory errors skip the message handler: the raw message comes back instead of a failure table.
local function as_failure(err)
  if raw_type(err) == "table" and err.message ~= nil then return err end
  return failure(err)
end

local sandbox = {}

--- Loads a script into a probe environment: its global functions in source order, with their parameter
--- names, and the compiled chunk (run again by each call, in that call's environment).
function sandbox.discover(name, code, services)
  local env = new_env({ services = services })
  local chunk, err = raw_load(code, "=" .. name, "t", env)
  if not chunk then return nil, err end
  start_clock(services.timeout_ms)
  local ok, problem = raw_xpcall(chunk, failure)
  stop_clock()
  if not ok then return nil, as_failure(problem).message end
  local found = {}
  for key, value in pairs(env) do
    if raw_type(key) == "string" and raw_type(value) == "function" and TEMPLATE[key] == nil and PER_ENV[key] == nil then
      local info = getinfo(value, "Su")
      local params = {}
      for i = 1, info.nparams do params[i] = getlocal(value, i) end
      found[#found + 1] = { name = key, params = params, line = info.linedefined }
    end
  end
  table.sort(found, function(a, b) return a.line < b.line or (a.line == b.line and a.name < b.name) end)
  return found, chunk
end

--- Runs one call in a fresh environment: true, result or false, { message, trace, type }. Each script's
--- chunk was compiled once (discover); a call points its _ENV upvalue at the call's environment and runs
--- it again, so its top-level code and global functions are the call's own. Calls run one at a time:
--- the closures a call made are unreachable once it is done (its environment is), so the next call
--- re-pointing the shared _ENV is seen by no one else.
function sandbox.run(scripts, name, args, n, execution, services)
  local env = new_env({ services = services, execution = execution })
  start_clock(services.timeout_ms)
  for _, script in ipairs(scripts) do
    local chunk = script.chunk
    assert(getupvalue(chunk, 1) == "_ENV" and setupvalue(chunk, 1, env) == "_ENV")
    local ok, problem = raw_xpcall(chunk, failure)
    if not ok then
      stop_clock()
      return false, as_failure(problem)
    end
  end
  local fn = rawget(env, name)
  if raw_type(fn) ~= "function" then
    stop_clock()
    return false, { message = ("'%s' is not a function in this call's environment"):format(name), type = "LuaError" }
  end
  local results = pack(raw_xpcall(fn, failure, unpack(args, 1, n)))
  stop_clock()
  if not results[1] then return false, as_failure(results[2]) end
  return true, results[2]
end

return sandbox
