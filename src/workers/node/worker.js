'use strict';
// Faas Node.js worker: JSON-RPC 2.0 over stdin/stdout, one object per line. The contract is
// docs/protocol.md; methods `load`, `call`, `ping`; stdin EOF stops the worker.

// protocol.js must come first: it takes stdout away from user code before any is loaded.
const { codes, send, drain, sendError, sendThrown, sendResult, readLines } = require('./protocol');
const { load } = require('./loader');
const services = require('./services');
const Module = require('module');
require('./watchdog').watchParent();

// `require('faas')` resolves to our module without npm (only when nothing else is named so: an app's own
// node_modules/faas wins, as any installed package would).
const faasModule = require.resolve('./faas');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveFaas(request, ...rest) {
  if (request === 'faas' || request === '@faas/runtime') {
    try {
      return resolveFilename.call(this, request, ...rest);
    } catch {
      return faasModule;
    }
  }
  return resolveFilename.call(this, request, ...rest);
};

const funcs = new Map(); // name → { name, fn, self, names, async }
let inflight = 0; // calls whose promise has not settled yet
let loading = false; // a `load` is running; requests that arrive meanwhile wait in `waiting`
const waiting = [];
let ended = false;
let exiting = false;

// Places each keyword argument at its parameter's position; returns an error string on failure.
function bindKwargs(entry, args, kwargs) {
  if (kwargs === null || typeof kwargs !== 'object' || Array.isArray(kwargs)) return 'kwargs must be an object';
  const bound = args.slice();
  for (const key of Object.keys(kwargs)) {
    const position = entry.names.indexOf(key);
    if (position < 0) return `Function '${entry.name}' has no parameter named '${key}'`;
    while (bound.length < position) bound.push(undefined);
    bound[position] = kwargs[key];
  }
  return bound;
}

function settled() {
  inflight--;
  if (ended) maybeExit();
}

// Runs the function; a promise result is awaited without blocking the next request.
function call(id, params) {
  const name = params !== null && typeof params === 'object' ? params.name : undefined;
  const entry = typeof name === 'string' ? funcs.get(name) : undefined;
  if (entry === undefined) return sendError(id, codes.NO_METHOD, `Function '${name}' not found`);
  let args = params.args ?? [];
  if (!Array.isArray(args)) return sendError(id, codes.BAD_PARAMS, 'args must be an array');
  if (params.kwargs != null) {
    args = bindKwargs(entry, args, params.kwargs);
    if (typeof args === 'string') return sendError(id, codes.BAD_PARAMS, args);
  }
  let ret;
  try {
    ret = params.execution === undefined ? entry.fn.apply(entry.self, args) : services.runIn(params.execution, () => entry.fn.apply(entry.self, args));
    if (ret !== null && (typeof ret === 'object' || typeof ret === 'function') && typeof ret.then === 'function') {
      inflight++;
      // Reply before settled(): settled() may start the exit, which must see this reply.
      Promise.resolve(ret).then(
        (value) => { sendResult(id, value, name); settled(); },
        (err) => { logThrown(name, err); sendThrown(id, err); settled(); },
      );
      return;
    }
  } catch (err) {
    logThrown(name, err);
    return sendThrown(id, err);
  }
  sendResult(id, ret, name);
}

function runLoad(id, params) {
  loading = true;
  load(params, funcs).then(
    (handles) => {
      if (id !== undefined) send(JSON.stringify({ jsonrpc: '2.0', id, result: { handles } }) + '\n');
    },
    (err) => {
      process.stderr.write(`faas: load failed: ${err.detail || err.message}\n`);
      sendError(id, codes.THREW, err.message, err.type);
    },
  ).then(() => {
    loading = false;
    // Requests that arrived during the load run now, in order (until another load starts).
    while (waiting.length > 0 && !loading) dispatch(waiting.shift());
    if (ended) maybeExit();
  });
}

function dispatch(msg) {
  const id = msg.id;
  switch (msg.method) {
    case 'call':
      return call(id, msg.params);
    case 'ping':
      if (id !== undefined) send('{"jsonrpc":"2.0","id":' + JSON.stringify(id) + ',"result":"pong"}\n');
      return undefined;
    case 'load':
      return runLoad(id, msg.params);
    default:
      return sendError(id, codes.NO_METHOD, `Method '${msg.method}' not found`);
  }
}

function onLine(line) {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch (err) {
    if (line.trim() === '') return;
    sendError(null, codes.PARSE_ERROR, `Parse error: ${err.message}`);
    return;
  }
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
    sendError(null, codes.INVALID_REQUEST, 'Invalid request');
  } else if (msg.method === undefined && typeof msg.id === 'string') {
    services.onReply(msg); // a reply to one of our own requests (kv, env), even during a load
  } else if (loading) {
    waiting.push(msg);
  } else {
    dispatch(msg);
  }
}

// Exits once nothing is running and every reply has been handed to the pipe. process.exit
// rather than waiting for the loop to empty: user code may hold timers or sockets open.
function maybeExit() {
  if (!ended || exiting || loading || inflight > 0 || waiting.length > 0) return;
  exiting = true;
  drain(() => process.exit(0));
}

// The stack of an Error (else the value as text), never throwing: user values can be hostile.
function describe(value) {
  try {
    return value && value.stack ? String(value.stack) : String(value);
  } catch {
    return 'a value that cannot be printed';
  }
}

// A function that threw (or rejected): its stack goes to the app log, as Python's traceback does.
function logThrown(name, err) {
  process.stderr.write(`faas worker: ${name} raised\n${describe(err)}\n`);
}

// User code's stray errors must not kill the worker silently: log them and keep serving.
function logStray(kind, value) {
  process.stderr.write(`faas: ${kind}: ${describe(value)}\n`);
}
process.on('uncaughtException', (err) => logStray('uncaught exception', err));
process.on('unhandledRejection', (reason) => logStray('unhandled rejection', reason));

readLines(process.stdin, onLine, () => {
  ended = true;
  maybeExit();
});
