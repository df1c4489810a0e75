-- GET /fn/lua-hello?name=Ada  →  {"message":"Hello, Ada!"}
function handler(ctx, event)
  local name = event.query.name or "World"
  log.info("Saying hello to " .. name)
  return {
    statusCode = 200,
    headers = { ["Content-Type"] = "application/json" },
    body = json.encode({ message = "Hello, " .. name .. "!" }),
  }
end
