import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** A path pattern of the app router (`/ogc/collections/[collectionId]`) and its route handler. */
export type RouteTable = [pattern: string, handler: Handler][];

function matcher(pattern: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${source}/?$`);
  return (path) => {
    const match = regex.exec(path);
    return match ? Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')])) : null;
  };
}

/**
 * A plain HTTP server over real route handlers, for clients that must talk HTTP (GDAL): each request becomes a
 * web `Request` as Next hands it to a route, with the proxy's request id. `hits` counts requests per pattern.
 */
export async function serveRoutes(routes: RouteTable) {
  const table = routes.map(([pattern, handler]) => ({ pattern, match: matcher(pattern), handler }));
  const hits = new Map<string, number>();
  const server = http.createServer(async (incoming, outgoing) => {
    // As Next does: the URL is on the server's own listening name; the client's Host header comes separately.
    const url = new URL(incoming.url ?? '/', `http://localhost:${(server.address() as AddressInfo).port}`);
    const found = table.map((route) => ({ route, params: route.match(url.pathname) })).find((candidate) => candidate.params);
    if (!found || incoming.method !== 'GET') {
      outgoing.writeHead(404, { 'Content-Type': 'application/json' }).end('{"code":"not_found"}');
      return;
    }
    hits.set(found.route.pattern, (hits.get(found.route.pattern) ?? 0) + 1);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
    headers.set('x-request-id', crypto.randomUUID());
    const response = await found.route.handler(new Request(url, { headers }), { params: Promise.resolve(found.params ?? {}) });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
