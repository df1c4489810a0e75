'use strict';
// Floor: the same sum behind a bare Node.js http server, called in-process.
// Usage: node node-http.js PORT   (listens on 127.0.0.1 only)
const http = require('http');

function sum(a, b) {
  return a + b;
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const args = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]');
    const body = JSON.stringify(sum(...args));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(Number(process.argv[2]), '127.0.0.1');
