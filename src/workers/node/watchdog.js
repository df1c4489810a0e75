'use strict';
// Exits the worker when the server that started it is gone (re-parented, even after kill -9 of the
// server), also while user code blocks the event loop: the check runs on its own thread.
const { Worker } = require('worker_threads');

const source = `
  const { workerData } = require('worker_threads');
  setInterval(() => {
    if (process.ppid !== workerData.parent) process.kill(workerData.pid, 'SIGKILL');
  }, 500);
`;

function watchParent() {
  const watcher = new Worker(source, { eval: true, workerData: { parent: process.ppid, pid: process.pid } });
  watcher.unref(); // never keeps the worker alive by itself
  watcher.on('error', (error) => process.stderr.write(`faas: parent watchdog failed: ${error}\n`));
}

module.exports = { watchParent };
