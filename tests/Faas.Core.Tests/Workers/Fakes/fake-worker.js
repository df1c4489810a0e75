// A worker that speaks the protocol but misbehaves on request, for the fault modes real
// runtimes cannot produce on demand. Functions: echo(x), crash(code), garbage(x), hang().
const readline = require('readline');
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  const { id, method, params } = request;
  if (method === 'load') {
    const funcs = ['echo', 'crash', 'garbage', 'hang'].map((name) => ({
      name, async: false, signature: { ret: { type: { name: '', id: 20 } }, args: [{ name: 'x', type: { name: '', id: 20 } }] },
    }));
    return send({ jsonrpc: '2.0', id, result: { handles: [{ name: 'fake.js', funcs }] } });
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
    default: return send({ jsonrpc: '2.0', id, error: { code: -32601, message: 'no such function' } });
  }
});
