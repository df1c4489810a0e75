// A worker that speaks the protocol but misbehaves on request, for the fault modes real
// runtimes cannot produce on demand. Functions: echo(x), crash(code), garbage(x),
// hang(), spin() (blocks its event loop), slow(ms), pid(). FAKE_CRASH_ON_LOAD=1 makes load fail.
// FAKE_ORDERED=1 with FAAS_CONCURRENCY=1: an ordered worker (docs/protocol.md), handling one request
// at a time in arrival order, the next only once the previous one has replied.
const readline = require('readline');
const ordered = process.env.FAKE_ORDERED === '1' && process.env.FAAS_CONCURRENCY === '1';
const queue = [];
let busy = false;
const send = (message) => {
  process.stdout.write(JSON.stringify(message) + '\n');
  if (ordered && message.id !== undefined && message.id !== null) {
    busy = false;
    setImmediate(next);
  }
};
const next = () => {
  if (busy || queue.length === 0) return;
  busy = true;
  handle(queue.shift());
};
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!ordered) return handle(line);
  queue.push(line);
  return next();
});
function handle(line) {
  const request = JSON.parse(line);
  const { id, method, params } = request;
  if (method === 'ping') return send({ jsonrpc: '2.0', id, result: 'pong' });
  if (method === 'load') {
    if (process.env.FAKE_CRASH_ON_LOAD) {
      process.stderr.write('cannot start: FAKE_CRASH_ON_LOAD is set\n');
      process.exit(3);
    }
    const funcs = ['echo', 'crash', 'garbage', 'hang', 'spin', 'slow', 'pid'].map((name) => ({
      name, async: name === 'slow' || name === 'hang', signature: { ret: { type: { name: '', id: 20 } }, args: [{ name: 'x', type: { name: '', id: 20 } }] },
    }));
    return send({ jsonrpc: '2.0', id, result: { handles: [{ name: 'fake.js', funcs }], ...(ordered ? { ordered: true } : {}) } });
  }
  const [x] = params.args ?? Object.values(params.kwargs ?? {});
  switch (params.name) {
    case 'echo': return send({ jsonrpc: '2.0', id, result: x });
    case 'crash':
      process.stderr.write('about to crash\nfatal: the fake worker crashed\n');
      return setTimeout(() => process.exit(x), 10);
    case 'garbage':
      process.stdout.write('this is not json\n{"half":');
      process.stdout.write('\n');
      return send({ jsonrpc: '2.0', id, result: x });
    case 'hang': return undefined;
    case 'spin': for (;;) { /* blocks the event loop: only a kill stops it */ }
    case 'slow': return setTimeout(() => send({ jsonrpc: '2.0', id, result: x }), x);
    case 'pid': return send({ jsonrpc: '2.0', id, result: process.pid });
    default: return send({ jsonrpc: '2.0', id, error: { code: -32601, message: 'no such function' } });
  }
}
