-- Faas Lua worker: a JSON codec in pure Lua (no C modules), keeping integers as integers.
-- Numbers written without '.', 'e' or 'E' decode to Lua integers (floats past 64 bits); floats with a whole
-- value encode without a fraction ("1", not "1.0"). JSON null decodes to json.null; strip() turns those into nil.
local json = {}

local empty_array = { __jsonarray = true }
json.empty_array = empty_array
local null = setmetatable({}, { __tostring = function() return "null" end, __metatable = false })
json.null = null

local byte, char, find, format, sub, concat = string.byte, string.char, string.find, string.format, string.sub, table.concat
local mtype, floor, huge, tointeger = math.type, math.floor, math.huge, math.tointeger

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function escape_char(c)
  return escapes[c] or format("\\u%04x", byte(c))
end

local function encode_string(s)
  -- Lua strings are bytes: invalid UTF-8 is replaced so the result is always valid JSON text.
  if not utf8.len(s) then
    local fixed, i, n = {}, 1, #s
    while i <= n do
      local ok, cp = pcall(utf8.codepoint, s, i)
      if ok and utf8.len(s, i, i) then
        local len = #utf8.char(cp)
        fixed[#fixed + 1] = sub(s, i, i + len - 1)
        i = i + len
      else
        fixed[#fixed + 1] = "\239\191\189"
        i = i + 1
      end
    end
    s = concat(fixed)
  end
  -- U+2028/U+2029 escaped too: the protocol is one message per line and some readers split on them.
  s = s:gsub('[%c"\\]', escape_char):gsub("\226\128\168", "\\u2028"):gsub("\226\128\169", "\\u2029")
  return '"' .. s .. '"'
end

local function encode_number(x)
  if mtype(x) == "integer" then
    return format("%d", x)
  end
  if x ~= x or x == huge or x == -huge then
    error("cannot encode " .. tostring(x) .. " as JSON", 0)
  end
  if x == floor(x) and x > -2^63 and x < 2^63 then
    return format("%d", tointeger(x))
  end
  local s = format("%.14g", x)
  if tonumber(s) ~= x then
    s = format("%.17g", x)
  end
  return s
end

local encode_value

local function encode_table(t, out, seen, depth)
  if seen[t] then error("cannot encode a table that contains itself", 0) end
  if depth > 200 then error("cannot encode: nested too deeply", 0) end
  seen[t] = true
  local n, count, max = 0, 0, 0
  for k in pairs(t) do
    count = count + 1
    if mtype(k) == "integer" and k > 0 then
      n = n + 1
      if k > max then max = k end
    end
  end
  local mt = getmetatable(t)
  if count == 0 and type(mt) == "table" and mt.__jsonarray then
    out[#out + 1] = "[]"
  elseif count > 0 and n == count then
    -- An array: only positive integer keys (holes become null).
    out[#out + 1] = "["
    for i = 1, max do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], out, seen, depth + 1)
    end
    out[#out + 1] = "]"
  else
    -- An object of the string keys (other keys of a mixed table are dropped, as the reference); {} when empty.
    out[#out + 1] = "{"
    local first = true
    local keys = {}
    for k in pairs(t) do
      if type(k) == "string" then keys[#keys + 1] = k end
    end
    table.sort(keys)
    for _, k in ipairs(keys) do
      if not first then out[#out + 1] = "," end
      first = false
      out[#out + 1] = encode_string(k)
      out[#out + 1] = ":"
      encode_value(t[k], out, seen, depth + 1)
    end
    out[#out + 1] = "}"
  end
  seen[t] = nil
end

encode_value = function(v, out, seen, depth)
  local kind = type(v)
  if v == nil or v == null or kind == "function" or kind == "userdata" or kind == "thread" then
    out[#out + 1] = "null"
  elseif kind == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif kind == "number" then
    out[#out + 1] = encode_number(v)
  elseif kind == "string" then
    out[#out + 1] = encode_string(v)
  else
    encode_table(v, out, seen, depth)
  end
end

--- Encodes a value; raises on NaN, infinities and cycles.
function json.encode(v)
  local out = {}
  encode_value(v, out, {}, 0)
  return concat(out)
end

local function decode_error(s, i, what)
  error(format("invalid JSON at position %d: %s", i, what), 0)
end

local function skip(s, i)
  local c = byte(s, i)
  if c ~= 32 and c ~= 10 and c ~= 13 and c ~= 9 then return i end
  local _, e = find(s, "^[ \t\r\n]*", i)
  return e + 1
end

local decode_value

local simple_escapes = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }

local function decode_string(s, i)
  local j = find(s, '["\\\0-\31]', i + 1)
  -- Most strings have no escape: no parts table.
  if j and byte(s, j) == 34 then return sub(s, i + 1, j - 1), j + 1 end
  local parts, start = {}, i + 1
  while true do
    -- Jump to the next quote, backslash or control character (a pattern scan, not byte by byte).
    j = j and find(s, '["\\\0-\31]', j)
    local c = j and byte(s, j)
    if c == nil then decode_error(s, i, "unterminated string") end
    if c == 34 then
      parts[#parts + 1] = sub(s, start, j - 1)
      return concat(parts), j + 1
    elseif c == 92 then
      parts[#parts + 1] = sub(s, start, j - 1)
      local e = sub(s, j + 1, j + 1)
      local simple = simple_escapes[e]
      if simple then
        parts[#parts + 1] = simple
        j = j + 2
      elseif e == "u" then
        local hex = sub(s, j + 2, j + 5)
        if not hex:match("^%x%x%x%x$") then decode_error(s, j, "bad \\u escape") end
        local cp = tonumber(hex, 16)
        j = j + 6
        if cp >= 0xD800 and cp <= 0xDBFF and sub(s, j, j + 1) == "\\u" then
          local low = tonumber(sub(s, j + 2, j + 5), 16)
          if low and low >= 0xDC00 and low <= 0xDFFF then
            cp = 0x10000 + (cp - 0xD800) * 0x400 + (low - 0xDC00)
            j = j + 6
          end
        end
        parts[#parts + 1] = utf8.char(cp)
      else
        decode_error(s, j, "bad escape")
      end
      start = j
    else
      decode_error(s, j, "control character in string")
    end
  end
end

local function decode_number(s, i)
  local text = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
  if not text or text == "" or text == "-" then decode_error(s, i, "bad number") end
  local value
  if text:find("[.eE]") then
    value = tonumber(text)
  else
    value = tointeger(tonumber(text)) or tonumber(text)
  end
  if value == nil then decode_error(s, i, "bad number") end
  return value, i + #text
end

-- Bytes compared as numbers: { } [ ] " : , t f n -
local LBRACE, RBRACE, LBRACKET, RBRACKET, QUOTE, COLON, COMMA = 123, 125, 91, 93, 34, 58, 44

decode_value = function(s, i, depth)
  if depth > 200 then decode_error(s, i, "nested too deeply") end
  i = skip(s, i)
  local c = byte(s, i)
  if c == LBRACE then
    local t = {}
    i = skip(s, i + 1)
    if byte(s, i) == RBRACE then return t, i + 1 end
    while true do
      if byte(s, i) ~= QUOTE then decode_error(s, i, "expected a key") end
      local k
      k, i = decode_string(s, i)
      i = skip(s, i)
      if byte(s, i) ~= COLON then decode_error(s, i, "expected ':'") end
      t[k], i = decode_value(s, i + 1, depth + 1)
      i = skip(s, i)
      local d = byte(s, i)
      if d == RBRACE then return t, i + 1 end
      if d ~= COMMA then decode_error(s, i, "expected ',' or '}'") end
      i = skip(s, i + 1)
    end
  elseif c == LBRACKET then
    local t, n = {}, 0
    i = skip(s, i + 1)
    -- An empty array stays an array when encoded again (an empty table is otherwise {}).
    if byte(s, i) == RBRACKET then return setmetatable(t, empty_array), i + 1 end
    while true do
      n = n + 1
      t[n], i = decode_value(s, i, depth + 1)
      i = skip(s, i)
      local d = byte(s, i)
      if d == RBRACKET then return t, i + 1 end
      if d ~= COMMA then decode_error(s, i, "expected ',' or ']'") end
      i = i + 1
    end
  elseif c == QUOTE then
    return decode_string(s, i)
  elseif c == 116 and sub(s, i, i + 3) == "true" then
    return true, i + 4
  elseif c == 102 and sub(s, i, i + 4) == "false" then
    return false, i + 5
  elseif c == 110 and sub(s, i, i + 3) == "null" then
    return null, i + 4
  elseif c == 45 or (c ~= nil and c >= 48 and c <= 57) then
    return decode_number(s, i)
  end
  c = sub(s, i, i)
  decode_error(s, i, c == "" and "unexpected end" or ("unexpected '" .. c .. "'"))
end

--- Decodes one JSON value (null as json.null); raises on bad input.
function json.decode(s)
  local value, i = decode_value(s, 1, 0)
  i = skip(s, i)
  if i <= #s then decode_error(s, i, "trailing characters") end
  return value
end

--- json.null replaced by nil, deep: object keys vanish, arrays get holes.
function json.strip(v)
  if v == null then return nil end
  if type(v) == "table" then
    for k, x in pairs(v) do
      if x == null then v[k] = nil else json.strip(x) end
    end
  end
  return v
end

return json
