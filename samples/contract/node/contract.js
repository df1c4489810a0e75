// The worker contract sample (Node.js): the same functions, with the same behaviour, as the
// py, rb, ts and cs samples beside it. tests/Faas.Server.Tests/Contract runs them all.

module.exports = {
  // Returns its argument unchanged.
  echo: (value) => value,

  add: (a, b) => a + b,

  // Throws an error with the given message.
  fails: (message) => { throw new Error(message); },

  // Prints to stdout (which must end up in the app log, never in the result) and returns text.
  shout: (text) => { console.log(`contract-stdout:${text}`); return text; },

  // Waits without blocking other calls.
  napMs: (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms)),

  // Ends the worker process at once.
  exitWith: (code) => process.exit(code),

  // Never returns, keeping the CPU busy.
  spin: () => { for (;;) { /* busy */ } },
};
