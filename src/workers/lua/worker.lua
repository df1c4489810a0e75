-- Faas Lua worker: JSON-RPC 2.0 over stdin/stdout, one object per line (docs/protocol.md), on lua5.4.
-- Methods `load`, `call`, `ping`; stdin EOF stops the worker. User code runs in a sandbox
-- (sandbox.lua): text only, no io/os/debug/package, a fresh environment per call, an instruction-count
-- hook ending a call at its timeout. The platform services (log, kv, env, http, crypto, time) are
-- requests from this worker to the server over the same pipe (ids "w1", "w2", ...).
local here = arg and arg[0] and arg[0]:match("^(.*)/[^/]*$") or "."
package.path = here .. "/?.lua;" .. package.path
local json = require("json")
local sandbox = require("sandbox")

local stdin, stdout, stderr = io.stdin, io.stdout, io.stderr
local format, concat = string.format, table.concat

local ordered = os.getenv("FAAS_CONCURRENCY") == "1"
local timeout_ms = tonumber(os.getenv("FAAS_CALL_TIMEOUT_MS") or "") or 30000

-- Lines read while waiting for a reply to one of our own requests: requests queued behind the
-- running call (the server pipelines them); handled in order once the call is done.
local queued, queued_head = {}, 1
local next_request = 0

local function write_line(text)
  stdout:write(text, "\n")
  stdout:flush()
end

local function log(text)
  stderr:write(text, "\n")
  stderr:flush()
end

local function id_json(id)
  return id == nil and "null" or json.encode(id)
end

local function reply(id, result_json)
  write_line('{"jsonrpc":"2.0","id":' .. id_json(id) .. ',"result":' .. result_json .. "}")
end

local function reply_error(id, code, message, type_name, stack)
  local err = { code = code, message = message }
  -- The traceback (script names and lines) goes to the execution record as data.stack.
  if type_name then err.data = { type = type_name, stack = stack and stack:sub(1, 8192) } end
  write_line('{"jsonrpc":"2.0","id":' .. id_json(id) .. ',"error":' .. json.encode(err) .. "}")
end

local function read_line()
  if queued_head <= #queued then
    local line = queued[queued_head]
    queued[queued_head] = nil
    queued_head = queued_head + 1
    if queued_head > #queued then queued, queued_head = {}, 1 end
    return line
  end
  return stdin:read("l")
end

--- Sends a request to the server and waits for its reply: (result) or (nil, message).
local function request(method, params)
  next_request = next_request + 1
  local id = "w" .. next_request
  write_line('{"jsonrpc":"2.0","id":"' .. id .. '","method":"' .. method .. '","params":' .. json.encode(params) .. "}")
  while true do
    local line = stdin:read("l")
    if line == nil then
      log("faas worker: the server closed the pipe while " .. method .. " waited for its reply")
      os.exit(0)
    end
    local ok, msg = pcall(json.decode, line)
    if ok and type(msg) == "table" and msg.id == id and msg.method == nil then
      if msg.error ~= nil and msg.error ~= json.null then
        return nil, tostring(msg.error.message)
      end
      return json.strip(msg.result)
    end
    queued[#queued + 1] = line
  end
end

local function notify(method, params)
  write_line('{"jsonrpc":"2.0","method":"' .. method .. '","params":' .. json.encode(params) .. "}")
end

local services = { request = request, notify = notify, timeout_ms = timeout_ms }
local scripts = {} -- { name, chunk } in load order
local functions = {} -- name -> { params = {...} }

local function load_scripts(id, params)
  if type(params) ~= "table" or type(params.scripts) ~= "table" then
    return reply_error(id, -32602, "load needs params.scripts")
  end
  local handles = {}
  for _, script in ipairs(params.scripts) do
    local file, err = io.open(script.path, "rb")
    if not file then
      return reply_error(id, -32000, format("%s: cannot read it: %s", script.name, err), "LoadError")
    end
    local code = file:read("a")
    file:close()
    local found, problem = sandbox.discover(script.name, code, services)
    if not found then
      return reply_error(id, -32000, format("%s: %s", script.name, problem), "LoadError")
    end
    scripts[#scripts + 1] = { name = script.name, chunk = problem }
    local funcs = {}
    for _, fn in ipairs(found) do
      if functions[fn.name] == nil then functions[fn.name] = fn end
      local args = setmetatable({}, { __jsonarray = true })
      for _, p in ipairs(fn.params) do
        args[#args + 1] = { name = p, type = { name = "", id = 20 } }
      end
      funcs[#funcs + 1] = { name = fn.name, async = false, signature = { ret = { type = { name = "", id = 20 } }, args = args } }
    end
    handles[#handles + 1] = { name = script.name, funcs = setmetatable(funcs, { __jsonarray = true }) }
  end
  local result = { handles = handles }
  if ordered then result.ordered = true end
  setmetatable(handles, { __jsonarray = true })
  reply(id, json.encode(result))
end

local function call(id, params)
  if type(params) ~= "table" or type(params.name) ~= "string" then
    return reply_error(id, -32602, "call needs params.name (a string)")
  end
  local fn = functions[params.name]
  if fn == nil then
    return reply_error(id, -32601, format("Function '%s' not found", params.name))
  end
  local args, n = {}, 0
  if params.args ~= nil and params.args ~= json.null then
    if type(params.args) ~= "table" then return reply_error(id, -32602, "args must be an array") end
    for i, v in pairs(params.args) do
      if math.type(i) ~= "integer" then return reply_error(id, -32602, "args must be an array") end
      if i > n then n = i end
    end
    for i = 1, n do args[i] = json.strip(params.args[i]) end
  end
  if type(params.kwargs) == "table" then
    for key, value in pairs(params.kwargs) do
      local position
      for i, p in ipairs(fn.params) do
        if p == key then position = i end
      end
      if position == nil then
        return reply_error(id, -32602, format("Function '%s' has no parameter named '%s'", params.name, key))
      end
      args[position] = json.strip(value)
      if position > n then n = position end
    end
  end
  local execution = type(params.execution) == "string" and params.execution or nil
  local ok, result = sandbox.run(scripts, params.name, args, n, execution, services)
  if not ok then
    log(format("faas worker: %s raised\n%s", params.name, result.trace or result.message))
    return reply_error(id, -32000, result.message, result.type, result.trace)
  end
  local encoded, text = pcall(json.encode, result)
  if not encoded then
    return reply_error(id, -32002, format("The result of '%s' is not JSON-serialisable: %s", params.name, text), "JSONError")
  end
  reply(id, text)
end

local function dispatch(line)
  local ok, msg = pcall(json.decode, line)
  if not ok then
    if line:match("%S") then reply_error(nil, -32700, "Parse error: " .. tostring(msg)) end
    return
  end
  if type(msg) ~= "table" then return reply_error(nil, -32600, "Invalid Request: not an object") end
  local id, method = msg.id, msg.method
  if method == "call" then
    call(id, msg.params)
  elseif method == "ping" then
    reply(id, '"pong"')
  elseif method == "load" then
    load_scripts(id, msg.params)
  elseif id ~= nil then
    reply_error(id, -32601, format("Method '%s' not found", tostring(method)))
  end
end

while true do
  local line = read_line()
  if line == nil then break end
  local ok, err = pcall(dispatch, line)
  if not ok then log("faas worker: handling a request failed: " .. tostring(err)) end
end
os.exit(0)
