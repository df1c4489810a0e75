'use strict';
// Framing and replies: one JSON-RPC object per line on the private stdout writer.

// Take a private writer for the protocol before any user code runs (worker.js requires this
// module first), then point the ordinary process.stdout.write at stderr so console.log and
// friends land in the app's log.
const out = process.stdout;
const writeOut = out.write.bind(out);
out.write = process.stderr.write.bind(process.stderr);
// The server is gone if the pipe breaks; there is no one left to answer.
out.on('error', () => process.exit(0));

const codes = {
  THREW: -32000,
  NOT_JSON: -32002,
  INVALID_REQUEST: -32600,
  NO_METHOD: -32601,
  BAD_PARAMS: -32602,
  PARSE_ERROR: -32700,
};

// Replies produced in the same event-loop turn go out in one write (fewer syscalls under load);
// each reply is a complete line, so lines never interleave.
let pending = '';
let flushQueued = false;

function flush() {
  flushQueued = false;
  if (pending.length === 0) return;
  const text = pending;
  pending = '';
  writeOut(text);
}

function send(line) {
  pending += line;
  if (pending.length > 65536) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
}

// Writes what is left, then calls done once it has all been handed to the pipe.
function drain(done) {
  const text = pending;
  pending = '';
  writeOut(text, done);
}

function sendError(id, code, message, type, stack) {
  if (id === undefined) return; // a notification gets no reply
  const data = stack === undefined ? { type } : { type, stack };
  const error = type === undefined ? { code, message } : { code, message, data };
  send(JSON.stringify({ jsonrpc: '2.0', id, error }) + '\n');
}

// A thrown Error gives its message and name; any other thrown value gives String(value).
function sendThrown(id, err) {
  let message = 'Unknown error';
  let type = typeof err;
  let stack;
  try {
    if (err !== null && typeof err === 'object' && typeof err.message === 'string') {
      message = err.message;
      type = String(err.name || 'Error');
      // For the execution record: where in the app's files it was thrown.
      if (typeof err.stack === 'string') stack = err.stack.slice(0, 8192);
    } else {
      message = String(err);
    }
  } catch {
    // a hostile value (throwing getter, no toString): the defaults above still answer the call
  }
  sendError(id, codes.THREW, message, type, stack);
}

// Built by hand so the value is serialised once; undefined (and functions) become null.
function sendResult(id, value, name) {
  if (id === undefined) return;
  let json;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    const why = err && typeof err.message === 'string' ? err.message : String(err);
    sendError(id, codes.NOT_JSON, `The result of '${name}' is not JSON-serialisable: ${why}`, 'TypeError');
    return;
  }
  send('{"jsonrpc":"2.0","id":' + JSON.stringify(id) + ',"result":' + (json === undefined ? 'null' : json) + '}\n');
}

// Reads stdin as UTF-8 and calls onLine for every '\n'-terminated line (a plain split, faster
// than readline); onEnd runs after the last line, an unterminated one included.
function readLines(input, onLine, onEnd) {
  let tail = '';
  let ended = false;
  input.setEncoding('utf8');
  input.on('data', (chunk) => {
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      tail += chunk;
      return;
    }
    if (tail.length > 0) {
      onLine(tail + chunk.slice(0, nl));
      tail = '';
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    while (nl >= 0) {
      onLine(chunk.slice(start, nl));
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    tail = chunk.slice(start);
  });
  const finish = () => {
    if (ended) return;
    ended = true;
    if (tail.length > 0) onLine(tail);
    tail = '';
    onEnd();
  };
  input.on('end', finish);
  input.on('error', finish);
}

module.exports = { codes, send, drain, sendError, sendThrown, sendResult, readLines };
