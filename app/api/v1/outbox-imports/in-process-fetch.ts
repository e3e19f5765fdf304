import { POST as checkBuilding } from '@/app/api/v1/buildings/[id]/field-checks/route';
import { POST as uploadPhoto } from '@/app/api/v1/hazards/[id]/photos/route';
import { PATCH as editHazard, GET as readHazard } from '@/app/api/v1/hazards/[id]/route';
import { POST as stepHazard } from '@/app/api/v1/hazards/[id]/transitions/route';
import { POST as createHazard } from '@/app/api/v1/hazards/route';
import { POST as checkObstacle } from '@/app/api/v1/obstacles/[id]/field-checks/route';
import type { RouteHandler } from '@/lib/api/route';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n';

/** The routes the field outbox sends to, by path and method: an import replays an outbox through these. */
const FIELD_ROUTES: { path: RegExp; methods: Record<string, RouteHandler> }[] = [
  { path: /^\/api\/v1\/hazards$/, methods: { POST: createHazard } },
  { path: /^\/api\/v1\/hazards\/(\d+)$/, methods: { GET: readHazard, PATCH: editHazard } },
  { path: /^\/api\/v1\/hazards\/(\d+)\/transitions$/, methods: { POST: stepHazard } },
  { path: /^\/api\/v1\/hazards\/(\d+)\/photos$/, methods: { POST: uploadPhoto } },
  { path: /^\/api\/v1\/buildings\/(\d+)\/field-checks$/, methods: { POST: checkBuilding } },
  { path: /^\/api\/v1\/obstacles\/(\d+)\/field-checks$/, methods: { POST: checkObstacle } },
];

/**
 * A `fetch` that answers the field outbox's requests with the app's own route handlers in this process (each
 * through the route wrapper: permission, scope, validation, Idempotency-Key), in `locale` and under `requestId`,
 * so the audit rows of every replayed change point at the import that made them.
 */
export function inProcessFetch(origin: string, locale: Locale, requestId: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input), origin);
    const method = (init?.method ?? 'GET').toUpperCase();
    const route = FIELD_ROUTES.find((candidate) => candidate.path.test(url.pathname));
    const handler = route?.methods[method];
    if (!route || !handler) return Response.json({ error: `${method} ${url.pathname}`, code: 'not_found' }, { status: 404 });
    const headers = new Headers(init?.headers);
    headers.set('x-request-id', requestId);
    headers.set('cookie', `${LOCALE_COOKIE}=${locale}`);
    let body: ArrayBuffer | undefined;
    if (init?.body !== undefined && init.body !== null) {
      // Encoded once here (a form gets its boundary), so the handler sees the Content-Length a browser sends.
      const encoded = new Request(url, { method, headers, body: init.body });
      body = await encoded.arrayBuffer();
      headers.set('content-type', encoded.headers.get('content-type') ?? 'application/octet-stream');
      headers.set('content-length', String(body.byteLength));
    }
    const id = url.pathname.match(route.path)?.[1];
    return handler(new Request(url, { method, headers, body }), { params: Promise.resolve(id ? { id } : {}) });
  };
}
