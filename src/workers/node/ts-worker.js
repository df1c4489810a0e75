'use strict';
// Faas TypeScript worker (`ts` apps): the Node.js worker (worker.js, same protocol) with `.ts`
// files transpiled to CommonJS when required, and the load reply's types read from their
// annotations. A separate entry so the plain Node.js worker never loads the compiler.

// protocol.js first, as in worker.js: it takes stdout away before any other code runs.
require('./protocol');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');
const { readSignatures, annotate } = require('./ts-signatures');

// Loading typescript.js (9 MB) costs ~0.5 s per worker start, most of it V8 compiling it. A V8
// code cache kept in the compiler's node_modules (written after the first load; V8 rejects it
// if the source or V8 changed, and npm ci wipes it with the folder) brings that to ~0.15 s.
function loadCompiler(request) {
  const main = require.resolve(request);
  const cacheFile = path.join(path.dirname(main), '..', '..', `.faas-code-cache-${process.version}`);
  let cached;
  try {
    cached = fs.readFileSync(cacheFile);
  } catch {
    // the first start: no cache yet
  }
  try {
    const script = new vm.Script(Module.wrap(fs.readFileSync(main, 'utf8')), { filename: main, cachedData: cached });
    const mod = new Module(main, module);
    mod.filename = main;
    mod.paths = Module._nodeModulePaths(path.dirname(main));
    script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(main), mod, main, path.dirname(main));
    mod.loaded = true;
    let stale = cached === undefined || script.cachedDataRejected;
    const saveCache = () => {
      if (stale) writeAtomically(cacheFile, script.createCachedData());
      stale = false;
    };
    return { compiler: mod.exports, saveCache };
  } catch {
    return { compiler: require(main), saveCache: () => {} };
  }
}

// Other workers may read the cache meanwhile: they see the old file or the whole new one.
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true }); // a read-only install just goes without the cache
  }
}

// The server installs the pinned compiler under its data folder and passes its path; without
// it (tests, development) the one in this folder's node_modules is used.
const compilerPath = process.env.FAAS_TYPESCRIPT || 'typescript';
delete process.env.FAAS_TYPESCRIPT; // the app's environment is its own
let ts;
let saveCompilerCache;
try {
  ({ compiler: ts, saveCache: saveCompilerCache } = loadCompiler(compilerPath));
} catch (err) {
  process.stderr.write(`faas: cannot load the TypeScript compiler (${compilerPath}): ${err && err.message}\n`);
  process.exit(1);
}

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022, // everything Node.js 20 runs natively: async functions stay async
  esModuleInterop: true,
  inlineSourceMap: true, // with setSourceMapsEnabled, stack traces in the log point at .ts lines
};
if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);

const signaturesByFile = new Map(); // real path of a loaded .ts file → its exported signatures

// `file:line:col - error TSnnnn: text`, as tsc prints it; the loader prefixes the script name.
function compileError(filename, diagnostic) {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  let where = path.relative(process.cwd(), filename) || filename;
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    where += `:${line + 1}:${character + 1}`;
  }
  return new SyntaxError(`${where} - error TS${diagnostic.code}: ${text}`);
}

// transpileModule parses once; a `before` transformer sees that parse, so signatures cost no
// second one. Only syntax errors are reported (no type checking), as the diagnostics say.
require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  let signatures;
  const output = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions,
    reportDiagnostics: true,
    transformers: { before: [() => (file) => { signatures = readSignatures(ts, file); return file; }] },
  });
  const error = (output.diagnostics || []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) throw compileError(filename, error);
  if (signatures) signaturesByFile.set(filename, signatures);
  module._compile(output.outputText, filename);
};

function realPath(file) {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

// worker.js takes `load` from the loader's exports when it is required, so replacing it here,
// before requiring worker.js, adds the types without touching the Node.js worker's code.
const loader = require('./loader');
const loadScripts = loader.load;
loader.load = async function loadTypeScript(params, funcs) {
  const handles = await loadScripts(params, funcs);
  const scripts = params && Array.isArray(params.scripts) ? params.scripts : [];
  handles.forEach((handle, i) => {
    const script = scripts[i] || {};
    const signatures = signaturesByFile.get(realPath(path.resolve(String(script.path ?? script.name))));
    if (signatures) annotate(handle.funcs, signatures);
  });
  // Saved once loaded, so the functions compiled lazily for the load are in the cache too: two
  // turns later, so the reply (flushed on the next turn) goes out first, or at exit if sooner.
  setImmediate(() => setImmediate(saveCompilerCache));
  if (process.listeners('exit').indexOf(saveCompilerCache) < 0) process.once('exit', saveCompilerCache);
  return handles;
};

require('./worker');
