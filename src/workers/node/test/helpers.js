'use strict';
// Shared by the worker test files. (Node's runner loads every file in test/; this one has no tests.)
const fs = require('fs');
const path = require('path');

// Writes files (relative path → text) under a fresh folder <root>/<name> and returns the folder.
function fixture(root, name, files) {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

module.exports = { fixture };
