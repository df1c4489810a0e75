'use strict';
// The platform services behind the `faas` module functions require (docs/services.md): the app's log, KV store and env, as
// requests from this worker to the server over the protocol pipe (docs/protocol.md, "Worker
// requests"). The worker makes `require('faas')` resolve here without npm. Every call's execution id
// follows its async work (AsyncLocalStorage), so log lines land on the execution that wrote them.
const { AsyncLocalStorage } = require('async_hooks');
const { send } = require('./protocol');

const current = new AsyncLocalStorage();
const pending = new Map(); // request id → { resolve, reject }
let nextId = 0;

function request(method, params) {
  const id = `w${++nextId}`;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
  });
}

// A reply to one of our requests (a line with a string id and no method).
function onReply(msg) {
  const waiter = pending.get(msg.id);
  if (waiter === undefined) return;
  pending.delete(msg.id);
  if (msg.error != null) waiter.reject(new Error(`${msg.error.message}`));
  else waiter.resolve(msg.result);
}

// Runs fn with `execution` as the current execution of everything it starts.
function runIn(execution, fn) {
  return typeof execution === 'string' ? current.run(execution, fn) : fn();
}

function text(value, what) {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new TypeError(`${what}: expected a string, got ${value === null ? 'null' : typeof value}`);
}

function logger(level) {
  return (...parts) => {
    const message = parts.map((p) => (typeof p === 'string' ? p : safeInspect(p))).join(' ');
    send(JSON.stringify({ jsonrpc: '2.0', method: 'faas.log', params: { execution: current.getStore(), level, message } }) + '\n');
  };
}

function safeInspect(value) {
  try {
    return require('util').inspect(value, { depth: 4, breakLength: Infinity });
  } catch {
    return String(value);
  }
}

const faas = Object.freeze({
  log: Object.freeze({ info: logger('info'), debug: logger('debug'), warn: logger('warn'), error: logger('error') }),
  kv: Object.freeze({
    get: (key) => request('faas.kv.get', { key: text(key, 'kv.get') }),
    set: (key, value) => request('faas.kv.set', { key: text(key, 'kv.set'), value: text(value, 'kv.set') }),
    delete: (key) => request('faas.kv.delete', { key: text(key, 'kv.delete') }),
    list: (prefix = '') => request('faas.kv.list', { prefix: text(prefix, 'kv.list') }),
  }),
  env: Object.freeze({
    get: (name) => request('faas.env.get', { name: text(name, 'env.get') }),
    set: (name, value) => request('faas.env.set', { name: text(name, 'env.set'), value: text(value, 'env.set') }),
    delete: (name) => request('faas.env.delete', { name: text(name, 'env.delete') }),
  }),
  /** The id of the execution the calling code belongs to (undefined outside a recorded call). */
  get executionId() {
    return current.getStore();
  },
});

module.exports = { api: faas, onReply, runIn };
