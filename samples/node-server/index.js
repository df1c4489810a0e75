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

// A WebSocket echo (upper-cased) on any path, small text frames only: enough to show upgrades pass through.
server.on('upgrade', (req, socket) => {
  const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.on('data', (frame) => {
    const length = frame[1] & 0x7f;
    if ((frame[0] & 0x0f) !== 1 || length > 125) {
      socket.end();
      return;
    }
    const mask = frame.subarray(2, 6);
    const text = Buffer.from(frame.subarray(6, 6 + length).map((b, i) => b ^ mask[i % 4])).toString().toUpperCase();
    socket.write(Buffer.concat([Buffer.from([0x81, Buffer.byteLength(text)]), Buffer.from(text)]));
  });
  socket.on('error', () => socket.destroy());
});

server.listen(port, '127.0.0.1', () => console.log(`Node.js server listening on ${port}`));
