-- Counts its calls in the app's KV store: "count: 1", "count: 2", ... (kept across restarts).
function handler(ctx, event)
  local count = tonumber(kv.get("counter")) or 0
  count = count + 1
  kv.set("counter", count)
  log.info("counter is now " .. count)
  return { statusCode = 200, body = "count: " .. count }
end
