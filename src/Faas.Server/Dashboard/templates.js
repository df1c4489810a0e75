// Faas dashboard: the New function page's templates. Each is a working single-file HTTP function
// (docs/http-functions.md) using the platform services (docs/services.md); `try` is the request the
// page suggests, and `answer` a text its answer contains (the browser tests call every template).
'use strict';

window.FaasTemplates = [
  {
    id: 'lua-http', language: 'lua', title: 'Lua: HTTP handler (JSON greeting)', try: '?name=Ada', answer: 'Hello, Ada!',
    code: `-- GET /fn/<app>?name=Ada  ->  {"message":"Hello, Ada!", ...}
function handler(ctx, event)
  local name = event.query.name or "World"
  log.info("Saying hello to " .. name)
  return {
    statusCode = 200,
    headers = { ["Content-Type"] = "application/json" },
    body = json.encode({ message = "Hello, " .. name .. "!", method = event.method, version = ctx.version }),
  }
end
`,
  },
  {
    id: 'lua-counter', language: 'lua', title: 'Lua: KV counter', try: '', answer: 'count: ',
    code: `-- Counts its calls in the app's KV store: "count: 1", "count: 2", ... (kept across restarts and versions).
function handler(ctx, event)
  local count = tonumber(kv.get("counter")) or 0
  count = count + 1
  kv.set("counter", count)
  log.info("counter is now " .. count)
  return { statusCode = 200, body = "count: " .. count }
end
`,
  },
  {
    id: 'node-http', language: 'node', title: 'Node.js: HTTP handler with a visit count', try: '?name=Ada', answer: 'Hello, Ada!',
    code: `// GET /fn/<app>?name=Ada  ->  {"message":"Hello, Ada!","visits":1}
const faas = require('faas');

async function handler(ctx, event) {
  const name = event.query.name || 'World';
  const visits = Number((await faas.kv.get('visits')) ?? 0) + 1;
  await faas.kv.set('visits', visits);
  faas.log.info('hello', name, visits);
  return { body: { message: \`Hello, \${name}!\`, visits, version: ctx.version } };
}

module.exports = { handler };
`,
  },
  {
    id: 'ts-http', language: 'ts', title: 'TypeScript: HTTP handler', try: '?name=Ada', answer: 'Hello, Ada!',
    code: `// GET /fn/<app>?name=Ada  ->  {"message":"Hello, Ada!"}
interface HttpEvent { method: string; relativePath: string; query: Record<string, string>; body: string }

export function handler(ctx: { version: string }, event: HttpEvent): unknown {
  const name = event.query.name ?? 'World';
  return { body: { message: \`Hello, \${name}!\`, path: event.relativePath, version: ctx.version } };
}
`,
  },
  {
    id: 'py-http', language: 'py', title: 'Python: HTTP handler with a visit count', try: '?name=Ada', answer: 'Hello, Ada!',
    code: `# GET /fn/<app>?name=Ada  ->  {"message": "Hello, Ada!", "visits": 1}
import faas


def handler(ctx, event):
    name = event["query"].get("name", "World")
    visits = int(faas.kv.get("visits") or 0) + 1
    faas.kv.set("visits", visits)
    faas.log.info("hello", name, visits)
    return {"body": {"message": f"Hello, {name}!", "visits": visits, "version": ctx["version"]}}
`,
  },
  {
    id: 'rb-http', language: 'rb', title: 'Ruby: HTTP handler', try: '?name=Ada', answer: 'Hello, Ada!',
    code: `# GET /fn/<app>?name=Ada  ->  {"message":"Hello, Ada!"}
require 'faas'

def handler(ctx, event)
  name = event['query']['name'] || 'World'
  Faas.log.info('hello', name)
  { 'body' => { 'message' => "Hello, #{name}!", 'version' => ctx['version'] } }
end
`,
  },
];
