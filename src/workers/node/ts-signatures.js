'use strict';
// Signatures of a TypeScript file's exported functions, read from the parsed source only: the
// type checker would need a whole program (every import, lib.d.ts) and cost seconds per load.
// Annotations map to MetaCall types by their text (table in docs/protocol.md).

const ANY = { name: '', id: 20 };
const BOOL = 0, LONG = 4, DOUBLE = 6, STRING = 7, BUFFER = 8, ARRAY = 9, MAP = 10, FUTURE = 12,
  FUNCTION = 13, NULL = 14, INVALID = 20;

// Global type names with a meaning of their own (generic arguments do not matter).
const REFERENCES = {
  Array: ARRAY, ReadonlyArray: ARRAY, Set: ARRAY, ReadonlySet: ARRAY,
  Record: MAP, Map: MAP, ReadonlyMap: MAP, Object: MAP, Partial: MAP, Readonly: MAP, Required: MAP,
  Promise: FUTURE, PromiseLike: FUTURE,
  Buffer: BUFFER, Uint8Array: BUFFER, ArrayBuffer: BUFFER,
  Function: FUNCTION, String: STRING, Number: DOUBLE, Boolean: BOOL, BigInt: LONG,
};

function hasModifier(ts, node, kind) {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return Array.isArray(modifiers) && modifiers.some((m) => m.kind === kind);
}

// The MetaCall type id of a type node. `locals` resolves the file's own interfaces and aliases.
function idOf(ts, node, locals, depth) {
  const K = ts.SyntaxKind;
  if (depth > 8) return INVALID; // a recursive alias
  switch (node.kind) {
    case K.BooleanKeyword: return BOOL;
    case K.NumberKeyword: return DOUBLE;
    case K.StringKeyword: case K.TemplateLiteralType: return STRING;
    case K.BigIntKeyword: return LONG;
    case K.ObjectKeyword: case K.TypeLiteral: case K.MappedType: return MAP;
    case K.VoidKeyword: case K.UndefinedKeyword: case K.NullKeyword: return NULL;
    case K.ArrayType: case K.TupleType: return ARRAY;
    case K.FunctionType: case K.ConstructorType: return FUNCTION;
    case K.ParenthesizedType: case K.TypeOperator: return idOf(ts, node.type, locals, depth + 1);
    case K.LiteralType: {
      const lit = node.literal.kind;
      if (lit === K.NullKeyword) return NULL;
      if (lit === K.TrueKeyword || lit === K.FalseKeyword) return BOOL;
      if (lit === K.StringLiteral || lit === K.NoSubstitutionTemplateLiteral) return STRING;
      if (lit === K.NumericLiteral || lit === K.PrefixUnaryExpression) return DOUBLE;
      return lit === K.BigIntLiteral ? LONG : INVALID;
    }
    case K.UnionType: {
      // `T | null | undefined` is a T; a union of different kinds has no single MetaCall type.
      const ids = new Set(node.types.map((t) => idOf(ts, t, locals, depth + 1)));
      if (ids.size > 1) ids.delete(NULL);
      return ids.size === 1 ? ids.values().next().value : INVALID;
    }
    case K.TypeReference: {
      const name = node.typeName.getText(locals.file);
      if (Object.prototype.hasOwnProperty.call(REFERENCES, name)) return REFERENCES[name];
      if (locals.interfaces.has(name)) return MAP;
      const alias = locals.aliases.get(name);
      return alias ? idOf(ts, alias, locals, depth + 1) : INVALID;
    }
    default: return INVALID;
  }
}

function typeOf(ts, node, locals) {
  const K = ts.SyntaxKind;
  if (!node || node.kind === K.AnyKeyword || node.kind === K.UnknownKeyword) return ANY;
  return { name: node.getText(locals.file).replace(/\s+/g, ' '), id: idOf(ts, node, locals, 0) };
}

// { async, args: [{ name, type }], ret } of a function-like node; `declared` is the variable's
// own annotation (`const f: (a: number) => string = (a) => ...`), used where the function has none.
function describe(ts, fn, declared, locals) {
  const outer = declared && ts.isFunctionTypeNode(declared) ? declared : undefined;
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  const args = params.map((p, i) => ({
    name: ts.isIdentifier(p.name) ? p.name.text : 'arg' + i,
    type: typeOf(ts, p.type || (outer && outer.parameters[i] && outer.parameters[i].type), locals),
  }));
  const ret = typeOf(ts, fn.type || (outer && outer.type), locals);
  return { async: hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword) || ret.id === FUTURE, args, ret };
}

function functionOf(ts, expr) {
  while (expr && (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr))) {
    expr = expr.expression;
  }
  return expr && (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) ? expr : undefined;
}

// Map of exported name → signature for the parsed source file `file`. Exports are CommonJS
// property names after transpiling: `export default` is `default`.
function readSignatures(ts, file) {
  const K = ts.SyntaxKind;
  const locals = { file, interfaces: new Set(), aliases: new Map() };
  const functions = new Map(); // local name → { fn, declared }; the first overload wins
  const exported = []; // [exported name, local name or { fn, declared }]
  const define = (name, entry) => { if (!functions.has(name)) functions.set(name, entry); };
  for (const st of file.statements) {
    const isExported = hasModifier(ts, st, K.ExportKeyword);
    if (ts.isFunctionDeclaration(st)) {
      const entry = { fn: st };
      if (st.name) define(st.name.text, entry);
      if (isExported) exported.push([hasModifier(ts, st, K.DefaultKeyword) ? 'default' : st.name.text, st.name ? st.name.text : entry]);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const fn = functionOf(ts, d.initializer);
        if (!fn || !ts.isIdentifier(d.name)) continue;
        define(d.name.text, { fn, declared: d.type });
        if (isExported) exported.push([d.name.text, d.name.text]);
      }
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) exported.push([el.name.text, (el.propertyName || el.name).text]);
    } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
      const fn = functionOf(ts, st.expression);
      if (fn) exported.push(['default', { fn }]);
      else if (ts.isIdentifier(st.expression)) exported.push(['default', st.expression.text]);
    } else if (ts.isInterfaceDeclaration(st)) {
      locals.interfaces.add(st.name.text);
    } else if (ts.isTypeAliasDeclaration(st)) {
      locals.aliases.set(st.name.text, st.type);
    }
  }
  const signatures = new Map();
  for (const [name, target] of exported) {
    const entry = typeof target === 'string' ? functions.get(target) : target;
    if (entry && name && !signatures.has(name)) signatures.set(name, describe(ts, entry.fn, entry.declared, locals));
  }
  return signatures;
}

// Puts the signatures' types on the loader's function infos (names stay the loader's: they are
// what keyword arguments bind to) and lists them in source order (CommonJS output assigns
// `exports.x = void 0` for every `export const` first, which scrambles the loader's order).
function annotate(infos, signatures) {
  const order = [...signatures.keys()];
  const rank = (info) => { const i = order.indexOf(info.name); return i < 0 ? order.length : i; };
  infos.sort((a, b) => rank(a) - rank(b));
  for (const info of infos) {
    const sig = signatures.get(info.name);
    if (!sig) continue;
    info.async = info.async || sig.async;
    info.signature.ret = { type: sig.ret };
    info.signature.args.forEach((arg, i) => { if (sig.args[i]) arg.type = sig.args[i].type; });
  }
}

module.exports = { readSignatures, annotate, ANY };
