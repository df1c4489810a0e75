// An HTTP server as a function: it listens on PORT and answers on / (and anything below).
const http = require('http');
const crypto = require('crypto');

const port = Number(process.env.PORT || 8000);

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/crash') {
    res.end('bye');
    setImmediate(() => process.exit(3));
    return;
  }
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  req.on('data', (chunk) => { bytes += chunk.length; hash.update(chunk); });
  req.on('end', () => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({
      message: `${process.env.GREETING || 'Hello'} from a Node.js server`,
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      forwardedFor: req.headers['x-forwarded-for'] || null,
      forwardedPrefix: req.headers['x-forwarded-prefix'] || null,
      custom: req.headers['x-custom'] || null,
      bytes,
      sha256: hash.digest('hex'),
      pid: process.pid,
    }));
  });
});

server.listen(port, '127.0.0.1', () => console.log(`Node.js server listening on ${port}`));
