'use strict';
// End-to-end tests: spawn the real worker and speak the protocol (docs/protocol.md) over pipes.
// Run with `node --test src/workers/node/test/`. Every test has a timeout so a hung worker fails.

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const helpers = require('./helpers');
const { paramNames, isExportable } = require('../params');

const WORKER = path.join(__dirname, '..', 'worker.js');
const SAMPLES = path.join(__dirname, '..', '..', '..', '..', 'samples');
const T = { timeout: 15000 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faas-node-worker-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Writes files (relative path → text) under a fresh folder in tmp and returns the folder.
const fixture = (name, files) => helpers.fixture(tmp, name, files);

class Worker {
  constructor(cwd, env = {}) {
    this.cwd = cwd;
    this.proc = spawn(process.execPath, [WORKER], { cwd, env: { ...process.env, ...env } });
    this.lines = []; // every stdout line, in arrival order
    this.stderr = '';
    this.waiters = new Map();
    this.nextId = 1;
    let tail = '';
    this.proc.stdout.setEncoding('utf8').on('data', (chunk) => {
      const parts = (tail + chunk).split('\n');
      tail = parts.pop();
      for (const line of parts) {
        this.lines.push(line);
        const msg = JSON.parse(line); // anything that is not JSON-RPC fails the test here
        const waiter = this.waiters.get(msg.id);
        this.waiters.delete(msg.id);
        if (waiter) waiter(msg);
      }
    });
    this.proc.stderr.setEncoding('utf8').on('data', (chunk) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  send(msg) {
    this.proc.stdin.write(JSON.stringify(msg) + '\n');
  }

  // Sends a request and resolves with its whole reply.
  request(method, params) {
    const id = this.nextId++;
    const reply = new Promise((resolve) => this.waiters.set(id, resolve));
    this.send(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
    return reply;
  }

  load(...names) {
    const scripts = names.map((name) => ({ name, path: path.join(this.cwd, name) }));
    return this.request('load', { root: this.cwd, scripts });
  }

  call(name, args, kwargs) {
    return this.request('call', kwargs === undefined ? { name, args } : { name, args, kwargs });
  }

  async result(name, ...args) {
    const reply = await this.call(name, args);
    assert.equal(reply.error, undefined, JSON.stringify(reply.error));
    return reply.result;
  }

  stop() {
    this.proc.stdin.end();
    return this.exited;
  }
}

// A worker for the test that is killed when the test ends, whatever happens.
function start(t, cwd, env) {
  const worker = new Worker(cwd, env);
  t.after(() => worker.proc.kill());
  return worker;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ANY = { name: '', id: 20 };
const sig = (...names) => ({ ret: { type: ANY }, args: names.map((name) => ({ name, type: ANY })) });

test('load node-sum reports every function with its parameters', T, async (t) => {
  const w = start(t, path.join(SAMPLES, 'node-sum'));
  const reply = await w.load('index.js');
  assert.deepEqual(reply, {
    jsonrpc: '2.0',
    id: 1,
    result: { handles: [{ name: 'index.js', funcs: [
      { name: 'sum', async: false, signature: sig('a', 'b') },
      { name: 'delayedEcho', async: true, signature: sig('value', 'ms') },
      { name: 'page', async: false, signature: sig() },
      { name: 'fail', async: false, signature: sig('message') },
      { name: 'nothing', async: false, signature: sig() },
      { name: 'noisy', async: false, signature: sig('x') },
      { name: 'echo', async: false, signature: sig('value') },
    ] }] },
  });
});

test('calls with args and kwargs, results as JSON', T, async (t) => {
  const w = start(t, path.join(SAMPLES, 'node-sum'));
  await w.load('index.js');
  assert.deepEqual(await w.call('sum', [1, 2]), { jsonrpc: '2.0', id: 2, result: 3 });
  assert.equal((await w.call('sum', undefined, { b: 2, a: 40 })).result, 42);
  assert.equal((await w.call('sum', undefined, { b: 2 })).result, null); // undefined + 2 = NaN → null
  assert.equal(await w.result('page'), '<html><body>hi</body></html>');
  assert.equal(await w.result('nothing'), null);
  const value = { s: 'é ✓ "q"', n: [1, 2.5, null], o: { deep: true } };
  assert.deepEqual(await w.result('echo', value), value);
  assert.equal(await w.result('delayedEcho', 'later', 5), 'later');
  const bad = await w.call('sum', undefined, { a: 1, c: 3 });
  assert.equal(bad.error.code, -32602);
  assert.match(bad.error.message, /'c'/);
  assert.equal((await w.call('sum', 'not an array')).error.code, -32602);
});

test('errors: thrown, unknown function, unknown method, bad JSON', T, async (t) => {
  const w = start(t, path.join(SAMPLES, 'node-sum'));
  await w.load('index.js');
  const thrown = await w.call('fail', ['boom']);
  const { stack, ...thrownData } = thrown.error.data;
  assert.deepEqual({ ...thrown.error, data: thrownData }, { code: -32000, message: 'boom', data: { type: 'Error' } });
  assert.match(stack, /^Error: boom\n\s+at /); // for the execution record: where it was thrown
  const missing = await w.call('nope', []);
  assert.equal(missing.error.code, -32601);
  assert.match(missing.error.message, /nope/);
  assert.equal((await w.request('frobnicate')).error.code, -32601);
  const parseError = new Promise((resolve) => w.waiters.set(null, resolve));
  w.proc.stdin.write('{not json\n');
  assert.equal((await parseError).error.code, -32700);
  assert.deepEqual(await w.request('ping'), { jsonrpc: '2.0', id: 5, result: 'pong' });
});

test('a function that throws or rejects logs its stack to stderr', T, async (t) => {
  const dir = fixture('throws', {
    'index.js': 'function deepInner(m) { throw new TypeError(m); }\n'
      + 'module.exports = {\n'
      + '  fails: (m) => deepInner(m),\n'
      + '  rejects: async (m) => { await null; deepInner(m); },\n'
      + '  throwsString: () => { throw "plain text"; },\n'
      + '};\n',
  });
  const w = start(t, dir);
  await w.load('index.js');
  assert.equal((await w.call('fails', ['sync boom'])).error.message, 'sync boom');
  assert.equal((await w.call('rejects', ['async boom'])).error.message, 'async boom');
  assert.equal((await w.call('throwsString', [])).error.message, 'plain text');
  await w.request('ping');
  assert.match(w.stderr, /faas worker: fails raised\nTypeError: sync boom\n\s+at deepInner \(.*index\.js:1:/);
  assert.match(w.stderr, /faas worker: rejects raised\nTypeError: async boom\n\s+at deepInner/);
  assert.match(w.stderr, /faas worker: throwsString raised\nplain text\n/);
});

test('calls in flight reply in completion order', T, async (t) => {
  const w = start(t, path.join(SAMPLES, 'node-sum'));
  await w.load('index.js');
  const slow = w.call('delayedEcho', ['slow', 300]);
  const fast = w.call('delayedEcho', ['fast', 10]);
  const sync = w.call('sum', [2, 3]);
  assert.equal((await slow).result, 'slow');
  assert.deepEqual([(await fast).result, (await sync).result], ['fast', 5]);
  const order = w.lines.slice(1).map((line) => JSON.parse(line).id);
  assert.deepEqual(order, [4, 3, 2]);
});

test('many calls sent at once all get the right reply', T, async (t) => {
  const w = start(t, path.join(SAMPLES, 'node-sum'));
  await w.load('index.js');
  const n = 20000;
  const begin = process.hrtime.bigint();
  const replies = [];
  // Every tenth call is async (a 1 ms timer), the rest are plain.
  for (let i = 0; i < n; i++) replies.push(w.call(i % 10 === 0 ? 'delayedEcho' : 'sum', [i, 1]));
  const all = await Promise.all(replies);
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  all.forEach((reply, i) => assert.equal(reply.result, i % 10 === 0 ? i : i + 1));
  t.diagnostic(`${n} calls in ${seconds.toFixed(3)}s (${Math.round(n / seconds)} calls/s)`);
});

test('user output goes to stderr, never to the protocol stdout', T, async (t) => {
  const dir = fixture('noisy', {
    'index.js': `console.log('loading');
      exports.shout = (x) => { process.stdout.write('raw ' + x + '\\n'); console.log('log', x);
        console.info('info'); console.error('err'); process.stdout.write('no newline'); return x; };`,
  });
  const w = start(t, dir);
  await w.load('index.js');
  assert.equal(await w.result('shout', 7), 7);
  assert.equal(await w.result('shout', 8), 8);
  const sample = start(t, path.join(SAMPLES, 'node-sum'));
  await sample.load('index.js');
  assert.deepEqual(await sample.result('noisy', 'x'), 'x');
  assert.deepEqual(await Promise.all([w.stop(), sample.stop()]), [{ code: 0, signal: null }, { code: 0, signal: null }]);
  for (const line of w.lines.concat(sample.lines)) assert.equal(JSON.parse(line).jsonrpc, '2.0');
  assert.match(w.stderr, /loading[\s\S]*raw 7[\s\S]*log 7[\s\S]*info[\s\S]*err[\s\S]*no newline/);
  assert.match(sample.stderr, /noisy called with x/);
});

test('a script with a syntax error fails the load, naming the script', T, async (t) => {
  const dir = fixture('syntax', { 'ok.js': 'exports.f = () => 1;', 'lib/bad.js': 'exports.f = (a => ;\n' });
  const w = start(t, dir);
  const reply = await w.load('ok.js', 'lib/bad.js');
  assert.equal(reply.error.code, -32000);
  assert.match(reply.error.message, /^lib\/bad\.js: SyntaxError: /);
  assert.equal(reply.error.data.type, 'SyntaxError');
  const missing = await start(t, dir).load('gone.js');
  assert.match(missing.error.message, /^gone\.js: Error: Cannot find module/);
});

test('ping, and stdin EOF exits 0 after in-flight calls finish', T, async (t) => {
  const w = start(t, path.join(SAMPLES, 'node-sum'));
  assert.deepEqual(await w.request('ping'), { jsonrpc: '2.0', id: 1, result: 'pong' });
  await w.load('index.js');
  const slow = w.call('delayedEcho', ['done', 200]);
  assert.deepEqual(await w.stop(), { code: 0, signal: null });
  assert.equal((await slow).result, 'done');
  const idle = start(t, path.join(SAMPLES, 'node-sum'));
  assert.deepEqual(await idle.stop(), { code: 0, signal: null });
  // An app that keeps a timer alive still stops on EOF.
  const busy = start(t, fixture('busy', { 'index.js': 'setInterval(() => {}, 1000); exports.f = () => 1;' }));
  await busy.load('index.js');
  assert.deepEqual(await busy.stop(), { code: 0, signal: null });
});

test('requests sent before the load finishes wait for it', T, async (t) => {
  const w = start(t, path.join(SAMPLES, 'node-esm'));
  const load = w.load('index.mjs');
  const call = w.call('double', [21]);
  assert.deepEqual((await load).result.handles, [{ name: 'index.mjs', funcs: [
    { name: 'double', async: false, signature: sig('x') },
    { name: 'later', async: true, signature: sig('x') },
  ] }]);
  assert.equal((await call).result, 42);
  assert.equal(await w.result('later', 'x'), 'x');
});

test('ES modules under "type": "module", default exports, module.exports = fn', T, async (t) => {
  const dir = fixture('esm-type', {
    'package.json': '{"type":"module"}',
    'mod.js': `export default function hello(name) { return 'hi ' + name; }
      export const add = (a, b) => a + b; export class Nope {} export const value = 1;`,
    'anon.mjs': 'export default async (x) => x;',
    'tla.js': 'const ready = await Promise.resolve(1); export function waited() { return ready; }',
    'single.cjs': 'module.exports = function single(a, b = 2) { return a * b; };',
  });
  const w = start(t, dir);
  const reply = await w.load('mod.js', 'anon.mjs', 'tla.js', 'single.cjs');
  assert.deepEqual(reply.result.handles.map((h) => [h.name, h.funcs.map((f) => [f.name, f.async])]), [
    ['mod.js', [['add', false], ['hello', false]]],
    ['anon.mjs', [['default', true]]],
    ['tla.js', [['waited', false]]],
    ['single.cjs', [['single', false]]],
  ]);
  assert.equal(await w.result('hello', 'Ada'), 'hi Ada');
  assert.equal(await w.result('add', 1, 2), 3);
  assert.equal(await w.result('default', 5), 5);
  assert.equal(await w.result('waited'), 1);
  assert.equal((await w.call('single', undefined, { a: 4 })).result, 8);
});

test('odd results and thrown values', T, async (t) => {
  const dir = fixture('odd', {
    'index.js': `module.exports = {
      count: 0,
      inc() { return ++this.count; },
      cycle() { const o = {}; o.o = o; return o; },
      big() { return 10n; },
      asyncCycle: async () => { const a = []; a.push(a); return a; },
      throwString() { throw 'plain string'; },
      reject() { return Promise.reject(new TypeError('nope')); },
      fn() { return () => 1; },
      pair(a, b) { return [a === undefined ? 'missing' : a, b]; },
      stray() { setTimeout(() => { throw new Error('stray boom'); }, 1); Promise.reject(new Error('lost')); return 1; },
      Klass: class Klass {},
    };`,
  });
  const w = start(t, dir);
  const names = (await w.load('index.js')).result.handles[0].funcs.map((f) => f.name);
  assert.ok(!names.includes('Klass') && names.includes('inc'));
  assert.equal(await w.result('inc'), 1);
  assert.equal(await w.result('inc'), 2);
  for (const name of ['cycle', 'big', 'asyncCycle']) {
    const reply = await w.call(name, []);
    assert.equal(reply.error.code, -32002, name);
    assert.match(reply.error.message, new RegExp(`'${name}' is not JSON-serialisable`));
  }
  assert.deepEqual((await w.call('throwString', [])).error, { code: -32000, message: 'plain string', data: { type: 'string' } });
  const rejected = (await w.call('reject', [])).error;
  assert.deepEqual([rejected.code, rejected.message, rejected.data.type], [-32000, 'nope', 'TypeError']);
  assert.match(rejected.data.stack, /^TypeError: nope/);
  assert.equal(await w.result('fn'), null);
  assert.deepEqual((await w.call('pair', [], { b: 2 })).result, ['missing', 2]);
  assert.equal(await w.result('stray'), 1);
  await sleep(50);
  assert.deepEqual((await w.request('ping')).result, 'pong');
  assert.match(w.stderr, /uncaught exception: Error: stray boom/);
  assert.match(w.stderr, /unhandled rejection: Error: lost/);
});

test('node-env reads the env vars the worker was started with', T, async (t) => {
  const dir = path.join(SAMPLES, 'node-env');
  const w = start(t, dir, { GREETING: 'hey', FAAS_TEST: 'yes' });
  await w.load('index.js');
  assert.equal(await w.result('greeting'), 'hey, world');
  assert.equal(await w.result('env', 'FAAS_TEST'), 'yes');
  assert.equal(await w.result('env', 'FAAS_SURELY_UNSET'), null);
  const plain = start(t, dir, { GREETING: undefined }); // spawn leaves out undefined variables
  await plain.load('index.js');
  assert.equal(await plain.result('greeting'), 'hello, world');
});

test('node-npm-dep resolves its dependency next to the script', { timeout: 120000 }, async (t) => {
  // A copy, so the sample folder never gets a node_modules.
  const dir = path.join(tmp, 'npm-dep');
  fs.cpSync(path.join(SAMPLES, 'node-npm-dep'), dir, { recursive: true });
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'ignore', timeout: 90000 });
  } catch {
    t.diagnostic('npm install failed (offline?); using a stub is-number');
    fixture('npm-dep', { 'node_modules/is-number/index.js': 'module.exports = (v) => typeof v === "number" || (typeof v === "string" && v.trim() !== "" && Number.isFinite(+v));' });
  }
  const w = start(t, dir);
  assert.deepEqual((await w.load('index.js')).result.handles[0].funcs.map((f) => f.name), ['isNumber']);
  assert.equal(await w.result('isNumber', 5), true);
  assert.equal(await w.result('isNumber', '5'), true);
  assert.equal(await w.result('isNumber', 'five'), false);
});

test('importPaths are searched for modules', T, async (t) => {
  const dir = fixture('import-paths', {
    'extra/helper-lib/index.js': 'exports.triple = (x) => 3 * x;',
    'index.js': "const { triple } = require('helper-lib'); exports.nine = () => triple(3);",
  });
  const w = start(t, dir);
  const reply = await w.request('load', { root: dir, scripts: [{ name: 'index.js', path: path.join(dir, 'index.js') }], importPaths: [path.join(dir, 'extra')] });
  assert.equal(reply.error, undefined);
  assert.equal(await w.result('nine'), 9);
});

test('parameter names from function source', T, () => {
  /* eslint-disable */
  const cases = [
    [function f(a, b) {}, ['a', 'b']],
    [async function g(a, b) {}, ['a', 'b']],
    [function* gen(a) {}, ['a']],
    [(a, b) => a, ['a', 'b']],
    [a => a, ['a']],
    [async a => a, ['a']],
    [async (a) => a, ['a']],
    [async => async, ['async']],
    [() => 1, []],
    [{ m(a) { return a; } }.m, ['a']],
    [{ async m(a, b) {} }.m, ['a', 'b']],
    [{ *m(a) {} }.m, ['a']],
    [{ ['x(' + 1](a) {} }['x(1'], ['a']],
    [{ 'q(,)'(a, b) {} }['q(,)'], ['a', 'b']],
    [function (a = g(1, 2), b = [1, 2], c = "x,y", d = { e: 1, f: 2 }) {}, ['a', 'b', 'c', 'd']],
    [function (a = `x${f(1, 2)},${`y,${3}`}`, b = '(', c = /[,)]/g, d = 4 / 2, e) {}, ['a', 'b', 'c', 'd', 'e']],
    [function (a /* , x */, // y, z)
      b) {}, ['a', 'b']],
    [function (/* first */ a, ...rest) {}, ['a', 'rest']],
    [function ({ x, y }, [p, q] = [1, 2], ...{ length }) {}, ['arg0', 'arg1', 'arg2']],
    [(a, b,) => a, ['a', 'b']],
    [function ($c, _d, é) {}, ['$c', '_d', 'é']],
    [Math.max, ['arg0', 'arg1']],
    [function f(a, b) {}.bind(null), ['arg0', 'arg1']],
  ];
  /* eslint-enable */
  for (const [fn, names] of cases) assert.deepEqual(paramNames(fn), names, fn.toString());
  assert.equal(isExportable(class A {}), false);
  assert.equal(isExportable(class extends Object {}), false);
  assert.equal(isExportable(function classy() {}), true);
  assert.equal(isExportable({ class(a) {} }.class), true);
  assert.equal(isExportable({}), false);
});
