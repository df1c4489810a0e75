-- The HTTP-handler contract sample (Lua): the same routes, with the same answers, as the node, ts,
-- py, rb and cs samples beside it. tests/Faas.Server.Tests/Functions runs them all.
function handler(ctx, event)
  local route = event.relativePath
  if route == "/json" then
    return {
      statusCode = 201,
      headers = { ["X-Custom"] = "yes" },
      body = {
        method = event.method, path = event.path, relativePath = route,
        name = event.query.name, tags = event.multiQuery.tag, header = event.headers["x-test"],
        executionId = ctx.executionId, functionId = ctx.functionId, functionName = ctx.functionName,
        version = ctx.version, trigger = ctx.trigger, startedAt = ctx.startedAt, baseUrl = ctx.baseUrl,
      },
    }
  elseif route == "/text" then
    return { body = "hello " .. (event.query.name or "world") }
  elseif route == "/html" then
    return { headers = { ["Content-Type"] = "text/html" }, body = "<b>hi</b>" }
  elseif route == "/binary" then
    return { isBase64Encoded = true, body = "AAEC/w==" }
  elseif route == "/echo" then
    return { body = { method = event.method, body = event.body, isBase64Encoded = event.isBase64Encoded } }
  elseif route == "/status" then
    return { statusCode = 418, body = "teapot" }
  elseif route == "/throw" then
    error("handler exploded")
  elseif route == "/log" then
    log.info("handler logged")
    print("handler printed")
    return { body = "logged" }
  elseif route == "/bad" then
    return 42
  end
  return { statusCode = 404, body = { error = "no route " .. route } }
end
