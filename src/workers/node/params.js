'use strict';
// Parameter names from a function's source text (Function.prototype.toString). JavaScript has no
// reflection API for them, so this is a small scanner that understands just enough syntax
// (strings, template literals, comments, regex literals, bracket nesting) to find the parameter
// list and split it at its top-level commas.

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;
// After one of these characters a `/` starts a regex literal rather than a division.
const REGEX_AFTER = '(,=:[!&|?{};+-*%<>~^';

function isClassSource(src) {
  return /^class\b(?!\s*\()/.test(src);
}

// Source text, or null for values whose source cannot be read.
function sourceOf(fn) {
  try {
    return Function.prototype.toString.call(fn);
  } catch {
    return null;
  }
}

// src[i] is a quote; returns the index just past the closing quote.
function skipString(src, i) {
  const quote = src[i];
  for (i++; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
  }
  return i;
}

// src[i] is a backtick; `${...}` holes are code, so they are walked like code.
function skipTemplate(src, i) {
  for (i++; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '`') return i + 1;
    else if (c === '$' && src[i + 1] === '{') i = walk(src, i + 2, null);
  }
  return i;
}

// src[i..i+1] is `//` or `/*`; returns the index just past the comment.
function skipComment(src, i) {
  if (src[i + 1] === '/') {
    const nl = src.indexOf('\n', i + 2);
    return nl < 0 ? src.length : nl + 1;
  }
  const end = src.indexOf('*/', i + 2);
  return end < 0 ? src.length : end + 2;
}

// src[i] is the `/` opening a regex literal; `/` inside a character class does not close it.
function skipRegex(src, i) {
  let inClass = false;
  for (i++; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
    else if (c === '\n') return i;
  }
  i++;
  while (i < src.length && /[a-z]/i.test(src[i])) i++;
  return i;
}

// Walks code from i to the first unbalanced `)`, `]` or `}` and returns its index (or src.length).
// onComma, if given, receives the index of every comma at nesting depth 0.
function walk(src, i, onComma) {
  let depth = 0;
  let prev = '(';
  while (i < src.length) {
    const c = src[i];
    if (c === '/') {
      const next = src[i + 1];
      if (next === '/' || next === '*') {
        i = skipComment(src, i);
        continue;
      }
      if (REGEX_AFTER.includes(prev)) {
        i = skipRegex(src, i);
        prev = 'a';
        continue;
      }
    } else if (c === '"' || c === "'") {
      i = skipString(src, i);
      prev = 'a';
      continue;
    } else if (c === '`') {
      i = skipTemplate(src, i);
      prev = 'a';
      continue;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0 && onComma !== null) {
      onComma(i);
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') prev = c;
    i++;
  }
  return src.length;
}

// Finds what comes first at the top level: `(` opening the parameter list, or `=>` of a
// parenthesis-free arrow. A leading `[computed]` method key or a quoted key is skipped.
function findList(src) {
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) i = skipComment(src, i);
    else if (c === '"' || c === "'") i = skipString(src, i);
    else if (c === '`') i = skipTemplate(src, i);
    else if (c === '[') i = walk(src, i + 1, null) + 1;
    else if (c === '(') return { open: i };
    else if (c === '=' && src[i + 1] === '>') return { arrow: i };
    else if (c === '{') return null;
    else i++;
  }
  return null;
}

function skipSpace(src, i) {
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) i = skipComment(src, i);
    else if (/\s/.test(c)) i++;
    else break;
  }
  return i;
}

// The name of one parameter's source text, or null if it is empty (a trailing comma).
function nameOf(text, position) {
  let i = skipSpace(text, 0);
  if (text.startsWith('...', i)) i = skipSpace(text, i + 3);
  if (i >= text.length) return null;
  if (text[i] === '{' || text[i] === '[') return 'arg' + position;
  let end = i;
  while (end < text.length && !/[\s=/,]/.test(text[end])) end++;
  return text.slice(i, end);
}

function fallback(fn) {
  const names = [];
  for (let i = 0; i < fn.length; i++) names.push('arg' + i);
  return names;
}

// Parameter names of fn: defaults dropped, `...rest` → `rest`, destructuring → `argN`.
// Unreadable sources (native or bound functions) give arg0..arg(length-1).
function paramNames(fn) {
  const src = sourceOf(fn);
  if (src === null || NATIVE.test(src)) return fallback(fn);
  const found = findList(src);
  if (found === null) return fallback(fn);
  if (found.arrow !== undefined) {
    // `a => ...` or `async a => ...`: the parameter is the last word before the arrow.
    const head = src.slice(0, found.arrow).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ').trim();
    const words = head.split(/\s+/);
    return [words[words.length - 1]];
  }
  const cuts = [found.open];
  const close = walk(src, found.open + 1, (i) => cuts.push(i));
  if (close >= src.length) return fallback(fn);
  cuts.push(close);
  const names = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const name = nameOf(src.slice(cuts[k] + 1, cuts[k + 1]), names.length);
    if (name !== null) names.push(name);
  }
  return names;
}

// True for functions that can be exported: everything callable except classes.
function isExportable(value) {
  if (typeof value !== 'function') return false;
  const src = sourceOf(value);
  return src === null || !isClassSource(src);
}

function isAsync(fn) {
  return Object.prototype.toString.call(fn) === '[object AsyncFunction]';
}

module.exports = { paramNames, isExportable, isAsync };
