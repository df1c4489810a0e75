'use strict';
// Tests of the TypeScript worker (ts-worker.js): the real worker over pipes, speaking the protocol.
// Needs the compiler pinned in ../package.json; installed here if missing.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const helpers = require('./helpers');

const NODE_DIR = path.join(__dirname, '..');
const WORKER = path.join(NODE_DIR, 'ts-worker.js');
const SAMPLE = path.join(NODE_DIR, '..', '..', '..', 'samples', 'ts-basic');
const T = { timeout: 15000 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faas-ts-worker-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function installedVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(NODE_DIR, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

// The suite must run on a fresh clone: install the pinned compiler the first time (about 2 s).
before(() => {
  const pinned = JSON.parse(fs.readFileSync(path.join(NODE_DIR, 'package.json'), 'utf8')).dependencies.typescript;
  if (installedVersion() !== pinned) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--no-progress', '--prefix', NODE_DIR],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  }
}, { timeout: 130000 });

// Writes files (relative path → text) under a fresh folder in tmp and returns the folder.
const fixture = (name, files) => helpers.fixture(tmp, name, files);

// Every worker started is killed when the file's tests end, so a failing test cannot leave one
// running (a live child would keep this test process, and the suite, from ever ending).
const procs = new Set();
after(() => procs.forEach((proc) => proc.kill()));

// A ts worker; request() resolves with the whole reply.
function start(cwd, env = {}) {
  const proc = spawn(process.execPath, [WORKER], { cwd, env: { ...process.env, ...env } });
  procs.add(proc);
  const waiters = new Map();
  let nextId = 1;
  let tail = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk) => {
    const parts = (tail + chunk).split('\n');
    tail = parts.pop();
    for (const line of parts) {
      const msg = JSON.parse(line);
      waiters.get(msg.id)?.(msg);
    }
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve({ code, stderr })));
  const request = (method, params) => {
    const id = nextId++;
    const reply = new Promise((resolve) => waiters.set(id, resolve));
    proc.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    return reply;
  };
  return {
    exited,
    load: (...names) => request('load', { root: cwd, scripts: names.map((name) => ({ name, path: path.resolve(cwd, name) })) }),
    call: (name, args, kwargs) => request('call', { name, args, kwargs }),
  };
}

// Every script that should load, in one worker: loading the compiler is most of a start's cost.
const GOOD = fixture('good', {
  'types.ts': `
    interface Point { x: number }
    type Id = string;
    type Maybe = number | undefined;
    export function a(b: boolean, n: bigint, u: 'x' | 'y', o: Point, i: Id, m: Maybe, t: [number, string]): void {}
    export function b(buf: Buffer, f: (x: number) => number, s: Set<string>, obj: object, lit: { k: 1 }, mix: string | number): null { return null; }
    export function c(this: unknown, x: any, y: unknown, { d }: { d: number }, ...rest: Array<number>): undefined { return undefined; }
    export const d: (x: number) => string = (x) => String(x);
    export const e = async function (x?: Date) { return x; };
    export function f(x: string): string;
    export function f(x: number): number;
    export function f(x: any) { return x; }
    function hidden(x: number): number { return x; }
    export { hidden as shown };
    export default (flag: boolean): boolean => !flag;
  `,
  'lib/util.ts': 'export interface Opts { n: number }\nexport const twice = (n: number): number => n * 2;\n',
  'main.ts': "import { twice, type Opts } from './lib/util';\nimport os from 'os';\n" +
    'export function run(o: Opts): number { return twice(o.n); }\nexport function platform(): string { return os.platform(); }\n',
  'env.ts': 'export const seen = (): string => process.env.FAAS_TYPESCRIPT ?? "unset";\n',
});
let shared; // { worker, handles }, loaded in before()
before(async () => {
  const worker = start(GOOD, { FAAS_TYPESCRIPT: path.join(NODE_DIR, 'node_modules', 'typescript') });
  const reply = await worker.load(path.join(SAMPLE, 'index.ts'), 'types.ts', 'main.ts', 'env.ts');
  assert.equal(reply.error, undefined, JSON.stringify(reply.error));
  shared = { worker, handles: reply.result.handles };
}, { timeout: 15000 });

const type = (name, id) => ({ name, id });
const ANY = type('', 20);
const fn = (name, async, ret, ...args) => ({ name, async, signature: { ret: { type: ret }, args: args.map(([n, t]) => ({ name: n, type: t })) } });

test('ts-basic: exported functions with their annotated types, in source order', T, async () => {
  const w = shared.worker;
  assert.deepEqual(shared.handles[0].funcs, [
    fn('add', false, type('number', 6), ['a', type('number', 6)], ['b', type('number', 6)]),
    fn('greet', false, type('string', 7), ['name', type('string', 7)]),
    fn('later', true, type('Promise<string>', 12), ['ms', type('number', 6)]),
    fn('tags', false, type('Record<string, boolean>', 10), ['items', type('string[]', 9)]),
    fn('echo', false, ANY, ['x', ANY]),
  ]);
  assert.equal((await w.call('add', [1, 2])).result, 3);
  assert.equal((await w.call('greet', undefined, { name: 'Ada' })).result, 'Hello, Ada!');
  assert.equal((await w.call('later', [1])).result, 'waited 1 ms');
  assert.deepEqual((await w.call('tags', [['a', 'b']])).result, { a: true, b: true });
  assert.deepEqual((await w.call('echo', [{ x: [1] }])).result, { x: [1] });
});

test('the annotation table: keywords, literals, unions, references, local types', T, async () => {
  const w = shared.worker;
  const funcs = shared.handles[1].funcs;
  const byName = Object.fromEntries(funcs.map((f) => [f.name, f]));
  const args = (name) => byName[name].signature.args.map((arg) => arg.type);
  assert.equal(shared.handles[1].name, 'types.ts');
  assert.deepEqual(funcs.map((f) => f.name), ['a', 'b', 'c', 'd', 'e', 'f', 'shown', 'default']);
  assert.deepEqual(args('a'), [type('boolean', 0), type('bigint', 4), type("'x' | 'y'", 7), type('Point', 10),
    type('Id', 7), type('Maybe', 6), type('[number, string]', 9)]);
  assert.deepEqual(byName.a.signature.ret.type, type('void', 14));
  assert.deepEqual(args('b'), [type('Buffer', 8), type('(x: number) => number', 13), type('Set<string>', 9),
    type('object', 10), type('{ k: 1 }', 10), type('string | number', 20)]);
  assert.deepEqual(byName.b.signature.ret.type, type('null', 14));
  assert.deepEqual(byName.c.signature.args, [{ name: 'x', type: ANY }, { name: 'y', type: ANY },
    { name: 'arg2', type: type('{ d: number }', 10) }, { name: 'rest', type: type('Array<number>', 9) }]);
  assert.deepEqual(byName.d.signature, { ret: { type: type('string', 7) }, args: [{ name: 'x', type: type('number', 6) }] });
  assert.deepEqual([byName.e.async, args('e'), byName.e.signature.ret.type], [true, [type('Date', 20)], ANY]);
  assert.deepEqual([args('f'), byName.f.signature.ret.type], [[type('string', 7)], type('string', 7)]);
  assert.deepEqual(args('shown'), [type('number', 6)]);
  assert.deepEqual([args('default'), byName.default.signature.ret.type], [[type('boolean', 0)], type('boolean', 0)]);
  assert.equal((await w.call('shown', [4])).result, 4);
  assert.equal((await w.call('default', [false])).result, true);
});

test('a .ts script imports other .ts files and packages; type-only imports vanish', T, async () => {
  const w = shared.worker;
  assert.deepEqual(shared.handles[2].funcs.map((f) => [f.name, f.signature.args[0]?.type]),
    [['run', type('Opts', 20)], ['platform', undefined]]);
  assert.equal((await w.call('run', [{ n: 21 }])).result, 42);
  assert.equal((await w.call('platform', [])).result, os.platform());
});

test('a syntax error fails the load, naming the script and the file and line', T, async () => {
  const dir = fixture('broken', {
    'bad.ts': 'export function f(a: number {\n  return a;\n}\n',
    'imports-bad.ts': "export { f } from './bad';\n",
  });
  const w = start(dir);
  const reply = await w.load('bad.ts');
  assert.equal(reply.error.code, -32000);
  assert.match(reply.error.message, /^bad\.ts: SyntaxError: bad\.ts:1:\d+ - error TS1005: ',' expected\./);
  const indirect = await w.load('imports-bad.ts');
  assert.match(indirect.error.message, /^imports-bad\.ts: SyntaxError: bad\.ts:1:/);
});

test('FAAS_TYPESCRIPT picks the compiler and is hidden from the app; a bad one exits 1', T, async () => {
  assert.equal((await shared.worker.call('seen', [])).result, 'unset');
  const broken = start(GOOD, { FAAS_TYPESCRIPT: path.join(tmp, 'no-such-compiler') });
  const { code, stderr } = await broken.exited;
  assert.equal(code, 1);
  assert.match(stderr, /cannot load the TypeScript compiler/);
});
