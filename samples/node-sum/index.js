'use strict';
// Sample app: plain, async, throwing, noisy and HTML-returning functions.

function sum(a, b) {
  return a + b;
}

// Awaits a timer, so several calls can be in flight at once.
async function delayedEcho(value, ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return value;
}

function page() {
  return '<html><body>hi</body></html>';
}

function fail(message) {
  throw new Error(message);
}

function nothing() {}

// Writes to the app's log (stderr), never to the protocol stream.
function noisy(x) {
  console.log('noisy called with', x);
  return x;
}

function echo(value) {
  return value;
}

module.exports = { sum, delayedEcho, page, fail, nothing, noisy, echo };
