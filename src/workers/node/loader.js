'use strict';
// Loads an app's scripts and registers their exported functions (the `load` method).

const path = require('path');
const { pathToFileURL } = require('url');
const { paramNames, isExportable, isAsync } = require('./params');

const ANY = { name: '', id: 20 };

// Extra module folders: NODE_PATH is the only search-path hook require() has; _initPaths
// re-reads it (it is otherwise read once at start-up).
function addImportPaths(importPaths) {
  if (!Array.isArray(importPaths) || importPaths.length === 0) return;
  const Module = require('module');
  const old = process.env.NODE_PATH;
  process.env.NODE_PATH = importPaths.concat(old ? [old] : []).join(path.delimiter);
  if (typeof Module._initPaths === 'function') Module._initPaths();
}

function importFile(file) {
  return import(pathToFileURL(file).href);
}

// require() first (CommonJS, and ES modules where Node allows it); .mjs and ES modules that
// require() refuses go through import().
async function loadModule(file) {
  if (file.endsWith('.mjs')) return { mod: await importFile(file), esm: true };
  try {
    const mod = require(file);
    // Node >= 20.19 can require() an ES module and returns its namespace object.
    return { mod, esm: Object.prototype.toString.call(mod) === '[object Module]' };
  } catch (err) {
    // ES modules require() cannot load: older Node, or top-level await.
    if (err && (err.code === 'ERR_REQUIRE_ESM' || err.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
      return { mod: await importFile(file), esm: true };
    }
    throw err;
  }
}

function property(obj, key) {
  try {
    return obj[key];
  } catch {
    return undefined;
  }
}

// [name, fn, thisArg] for every exported function, in export order.
function exportedFunctions(mod, esm, scriptName) {
  const list = [];
  const add = (name, fn, self) => {
    if (isExportable(fn) && !list.some((e) => e[0] === name)) list.push([name, fn, self]);
  };
  if (esm) {
    for (const key of Object.keys(mod)) if (key !== 'default') add(key, property(mod, key), undefined);
    // The default export goes under its own name, unless it is already exported by that name.
    const def = property(mod, 'default');
    if (isExportable(def) && !list.some((e) => e[1] === def)) {
      add(def.name && !list.some((e) => e[0] === def.name) ? def.name : 'default', def, undefined);
    }
    return list;
  }
  if (isExportable(mod)) add(mod.name || path.basename(scriptName, path.extname(scriptName)), mod, undefined);
  if (mod !== null && (typeof mod === 'object' || typeof mod === 'function')) {
    // Methods are called on the exports object, so `this` inside them works as in `lib.f()`.
    for (const key of Object.keys(mod)) add(key, property(mod, key), mod);
  }
  return list;
}

function describe(name, fn) {
  const names = paramNames(fn);
  const entry = { name, fn, self: undefined, names, async: isAsync(fn) };
  const info = {
    name,
    async: entry.async,
    signature: { ret: { type: ANY }, args: names.map((n) => ({ name: n, type: ANY })) },
  };
  return { entry, info };
}

function loadError(scriptName, err) {
  const isError = err !== null && typeof err === 'object' && typeof err.message === 'string';
  const cause = isError ? `${err.name || 'Error'}: ${err.message}` : String(err);
  const error = new Error(`${scriptName}: ${cause}`);
  error.type = isError ? err.name || 'Error' : typeof err;
  error.detail = isError && err.stack ? err.stack : cause;
  return error;
}

// Loads params.scripts in order into funcs (name → entry); returns the `handles` of the reply.
// Throws an Error whose message names the failing script.
async function load(params, funcs) {
  const scripts = params && Array.isArray(params.scripts) ? params.scripts : [];
  addImportPaths(params && params.importPaths);
  const handles = [];
  for (const script of scripts) {
    const scriptName = String(script.name ?? script.path);
    let loaded;
    try {
      loaded = await loadModule(path.resolve(String(script.path ?? script.name)));
    } catch (err) {
      throw loadError(scriptName, err);
    }
    const infos = [];
    for (const [name, fn, self] of exportedFunctions(loaded.mod, loaded.esm, scriptName)) {
      const { entry, info } = describe(name, fn);
      entry.self = self;
      if (funcs.has(name)) process.stderr.write(`faas: ${scriptName} redefines function '${name}'\n`);
      funcs.set(name, entry);
      infos.push(info);
    }
    handles.push({ name: scriptName, funcs: infos });
  }
  return handles;
}

module.exports = { load };
