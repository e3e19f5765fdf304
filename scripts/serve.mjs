// The app's HTTP server: Next's own request handler behind a plain Node server, so each request carries the
// address of the connection it came on (`x-peer-address`), which Next does not pass to routes. The sign-in
// rate limit counts by that address, believing X-Forwarded-For only as far as TRUST_PROXY says.
import http from 'node:http';
import { keepIdleConnections } from './connection-timeouts.mjs';

const dev = process.argv.includes('--dev');
// Set before Next loads, as its own CLI does: React and Next pick their builds by it.
process.env.NODE_ENV ??= dev ? 'development' : 'production';
const { default: next } = await import('next');
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || '0.0.0.0';

const app = next({ dev, turbopack: dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  request.headers['x-peer-address'] = request.socket.remoteAddress ?? '';
  handle(request, response);
});
keepIdleConnections(server);
if (dev) server.on('upgrade', app.getUpgradeHandler());
server.listen(port, hostname, () => {
  console.log(`Ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
});
