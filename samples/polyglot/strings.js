'use strict';
// Faas sample: one app, three languages. Node.js exports upper and describe.

function upper(text) {
  return String(text).toUpperCase();
}

// Python exports a describe too: metacall-node.json sorts before metacall-py.json, so this one
// owns the name and the Python one is only noted in the app's log (docs/api.md, "Calls").
function describe() {
  return 'node';
}

module.exports = { upper, describe };
