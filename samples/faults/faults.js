// Functions that misbehave on purpose, for the runtime's fault tests.
const fs = require('fs');

// A worker that cannot start: present while the marker file exists.
if (fs.existsSync(`${__dirname}/crash-on-start`)) {
  console.error('crash-on-start marker found: refusing to start');
  process.exit(4);
}

module.exports = {
  exitNow: (code) => process.exit(code),
  spin: () => { for (;;) { /* blocks the event loop */ } },
  hog: (megabytes) => {
    const chunks = [];
    for (let i = 0; i < megabytes; i++) chunks.push(new Array(128 * 1024).fill(i));
    return chunks.length;
  },
  nap: (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms)),
  // A plain (not async) function whose promise never settles: only its caller times out.
  never: () => new Promise(() => {}),
  nodePid: () => process.pid,
  shout: (text) => { console.log(`shouting ${text}`); return text.toUpperCase(); },
};
