import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { NotFoundError } from '../../lib/api/errors';
import { pathId } from '../../lib/api/ids';
import { queryText, queryWholeNumber } from '../../lib/api/query';
import { type RouteHandler, routeWith } from '../../lib/api/route';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

const SEAT = '141121104201';
const OTHER = '141121104202';
const ok = () => Promise.resolve(Response.json({ ok: true }));

/** Calls a route handler as Next does, with the proxy's request id. */
async function call(handler: RouteHandler, init: RequestInit & { url?: string; cookie?: string; params?: Record<string, string> } = {}) {
  const headers = new Headers(init.headers);
  headers.set('x-request-id', 'req-test-1');
  // The wording checked here is the English of the language switch; the default, Chinese, has its own test.
  headers.set('cookie', init.cookie ? `${SESSION_COOKIE}=${init.cookie}; lang=en` : 'lang=en');
  const request = new Request(init.url ?? 'http://app.test/api/x', { ...init, headers, duplex: 'half' } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const json = (body: string, contentType = 'application/json') => ({ method: 'POST', body, headers: { 'Content-Type': contentType } });

describe('the route wrapper without a database', () => {
  const unreachable = routeWith(() => Promise.reject(new Error('the data folder is locked by process 42')));

  it('answers 401 without a session cookie before touching the database', async () => {
    const answer = await call(unreachable({ permission: 'data:read' }, ok));
    expect(answer).toMatchObject({ status: 401, body: { error: 'sign in first', code: 'unauthenticated' } });
  });

  it("words its answers in the UI's default language, Chinese, unless the language switch says English", async () => {
    const handler = unreachable({ permission: 'data:read' }, ok);
    const chinese = await handler(new Request('http://app.test/api/x'));
    expect(await chinese.json()).toEqual({ error: '请先登录', code: 'unauthenticated' });
    const english = await handler(new Request('http://app.test/api/x', { headers: { cookie: 'lang=en' } }));
    expect(await english.json()).toEqual({ error: 'sign in first', code: 'unauthenticated' });
  });

  it('keeps error answers out of every cache', async () => {
    const answer = await call(unreachable({ permission: 'data:read' }, ok));
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 with the reason and the request id when the database cannot be opened', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await call(unreachable({ permission: 'public' }, ok));
    expect(answer).toEqual({
      status: 503,
      headers: answer.headers,
      body: { error: 'the data folder is locked by process 42', code: 'database_unavailable', request_id: 'req-test-1' },
    });
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });
});

describe.each(testEngines)('the route wrapper on $name', (engine) => {
  let handle: DatabaseHandle;
  let route: ReturnType<typeof routeWith>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
    await ensureDemoAccounts(handle.db);
    route = routeWith(() => Promise.resolve(handle));
    for (const username of ['office', 'village', 'planner']) {
      tokens[username] = (await signIn(handle.db, { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    }
  });
  afterAll(() => handle?.close());

  it('keeps API answers out of every cache unless the route says otherwise', async () => {
    const plain = await call(route({ permission: 'public' }, ok));
    expect(plain.headers.get('cache-control')).toBe('no-store');
    const tile = () => Promise.resolve(new Response('{}', { headers: { 'Cache-Control': 'private, max-age=60' } }));
    const own = await call(route({ permission: 'public' }, tile));
    expect(own.headers.get('cache-control')).toBe('private, max-age=60');
  });

  describe('sign-in and scope', () => {
    it('hands the signed-in actor to the handler and refuses a role without the permission with 403', async () => {
      const whoAmI = route({ permission: 'hazards:verify' }, async ({ actor }) => Response.json({ username: actor.username }));
      expect(await call(whoAmI, { cookie: tokens.office })).toMatchObject({ status: 200, body: { username: 'office' } });
      expect(await call(whoAmI, { cookie: tokens.planner })).toMatchObject({
        status: 403,
        body: { error: 'your role (planner) may not do this (hazards:verify)', code: 'forbidden' },
      });
      expect(await call(whoAmI, { cookie: 'not-a-session' })).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    });

    it('lets public routes run without a session, with the actor when there is one', async () => {
      const who = route({ permission: 'public' }, async ({ actor }) => Response.json({ username: actor?.username ?? null }));
      expect((await call(who)).body).toEqual({ username: null });
      expect((await call(who, { cookie: tokens.village })).body).toEqual({ username: 'village' });
    });

    it("scopes the village list: the actor's own by default, 403 for another village, 400 for an unknown one", async () => {
      const scoped = route({ permission: 'data:read', villages: 'list' }, async ({ villages }) => Response.json({ villages }));
      const at = (query: string, cookie: string | undefined) => call(scoped, { url: `http://app.test/api/x${query}`, cookie });
      expect((await at('', tokens.village)).body).toEqual({ villages: [SEAT] });
      expect((await at('', tokens.office)).body).toEqual({ villages: [] });
      expect((await at(`?village=${SEAT},${OTHER}`, tokens.office)).body).toEqual({ villages: [SEAT, OTHER] });
      expect(await at(`?village=${OTHER}`, tokens.village)).toMatchObject({
        status: 403,
        body: { error: `village ${OTHER} is outside your assigned villages`, code: 'forbidden' },
      });
      expect(await at('?village=999', tokens.office)).toMatchObject({
        status: 400,
        body: { error: 'unknown village code "999"', code: 'bad_request' },
      });
    });

    it('takes exactly one village where the route needs one', async () => {
      const one = route({ permission: 'data:read', villages: 'one-required' }, async ({ village, villages }) =>
        Response.json({ village, villages }),
      );
      expect((await call(one, { url: `http://app.test/api/x?village=${OTHER}`, cookie: tokens.office })).body).toEqual({
        village: OTHER,
        villages: [OTHER],
      });
      expect(await call(one, { cookie: tokens.office })).toMatchObject({ status: 400, body: { error: /village is required/ } });
    });
  });

  describe('parameters and query', () => {
    const byId = () =>
      route({ permission: 'data:read', params: z.object({ id: pathId('hazard id') }) }, async ({ params }) => Response.json(params));

    it('parses path ids with the one id parser: 400 for what is not an id, the id otherwise', async () => {
      expect((await call(byId(), { cookie: tokens.office, params: { id: '42' } })).body).toEqual({ id: 42 });
      for (const id of ['0', '-1', '2147483648', '1e3', ' 1', 'abc']) {
        expect(await call(byId(), { cookie: tokens.office, params: { id } }), id).toMatchObject({
          status: 400,
          body: {
            code: 'validation_failed',
            error: 'hazard id must be a positive whole number up to 2147483647',
            errors: [{ field: 'id', message: 'hazard id must be a positive whole number up to 2147483647' }],
          },
        });
      }
    });

    it('reads the query with its schema and names every bad parameter', async () => {
      const paged = route(
        { permission: 'data:read', query: z.object({ limit: queryWholeNumber('limit', 1, 500).default(100), q: queryText('q', 5) }) },
        async ({ query }) => Response.json(query),
      );
      const at = (query: string) => call(paged, { url: `http://app.test/api/x${query}`, cookie: tokens.office });
      expect((await at('')).body).toEqual({ limit: 100 });
      expect((await at('?limit=20&q=%20abc%20')).body).toEqual({ limit: 20, q: 'abc' });
      expect(await at('?limit=0&q=toolong&q=again')).toMatchObject({
        status: 400,
        body: {
          code: 'validation_failed',
          error: 'limit must be a whole number from 1 to 500; q may be given once',
          errors: [
            { field: 'limit', message: 'limit must be a whole number from 1 to 500' },
            { field: 'q', message: 'q may be given once' },
          ],
        },
      });
    });
  });

  describe('JSON bodies', () => {
    const schema = z.strictObject({
      name: z.string().min(1, { error: 'name is required' }),
      count: z.number().int({ error: 'count must be a whole number' }),
    });
    const create = () =>
      route({ permission: 'public', body: schema, bodyLimit: 64 }, async ({ body }) => Response.json({ received: body }, { status: 201 }));

    it('hands the parsed body to the handler', async () => {
      const answer = await call(create(), json('{"name":"井","count":2}', 'application/json; charset=utf-8'));
      expect(answer).toMatchObject({ status: 201, body: { received: { name: '井', count: 2 } } });
    });

    it('answers 415 for a body that is not declared JSON', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
        expect(await call(create(), json('{"name":"a","count":1}', type)), type).toMatchObject({
          status: 415,
          body: { error: 'the body must be JSON (Content-Type: application/json)', code: 'unsupported_media_type' },
        });
      }
    });

    it('answers 400 for a body that is not JSON, or not UTF-8', async () => {
      for (const body of ['{"name":', '', 'undefined']) {
        expect(await call(create(), json(body)), body).toMatchObject({
          status: 400,
          body: { error: 'the body is not valid JSON', code: 'invalid_json' },
        });
      }
      const latin1 = { method: 'POST', body: new Uint8Array([0x22, 0xe9, 0x22]), headers: { 'Content-Type': 'application/json' } };
      expect(await call(create(), latin1)).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    });

    it('answers 400 with every field error when the body does not fit the schema', async () => {
      const answer = await call(create(), json('{"name":"","count":1.5,"extra":true}'));
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('validation_failed');
      expect(answer.body.errors).toEqual([
        { field: 'name', message: 'name is required' },
        { field: 'count', message: 'count must be a whole number' },
        { field: 'extra', message: 'extra is not a field that can be set here' },
      ]);
      expect(answer.body.error).toBe('name is required; count must be a whole number; extra is not a field that can be set here');
    });

    it('answers 413 naming the limit, whether the size is declared or only found while reading', async () => {
      const tooLarge = {
        status: 413,
        body: { error: 'the request body is larger than the limit of 64 bytes', code: 'payload_too_large', limit_bytes: 64 },
      };
      const body = JSON.stringify({ name: 'x'.repeat(60), count: 1 });
      expect(await call(create(), json(body))).toMatchObject(tooLarge);
      // A declared Content-Length over the limit is refused at once: this body would never finish arriving.
      const endless = new ReadableStream({ pull: () => new Promise(() => {}) });
      const declared = { method: 'POST', body: endless, headers: { 'Content-Type': 'application/json', 'Content-Length': '1000000' } };
      expect(await call(create(), declared)).toMatchObject(tooLarge);
      // A chunked body carries no Content-Length: the cap applies to the bytes as they arrive.
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('{"name":"xxxxxxxxxx"'));
          controller.close();
        },
      });
      expect(await call(create(), { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json' } })).toMatchObject(
        tooLarge,
      );
      const atTheLimit = JSON.stringify({ name: 'x'.repeat(64 - 21), count: 1 });
      expect(new TextEncoder().encode(atTheLimit).byteLength).toBe(64);
      expect((await call(create(), json(atTheLimit))).status).toBe(201);
    });
  });

  describe('errors', () => {
    it('answers a known error through the table, with its code and message', async () => {
      const missing = route({ permission: 'data:read' }, async () => {
        throw new NotFoundError('no hazard with id 7');
      });
      expect(await call(missing, { cookie: tokens.office })).toMatchObject({
        status: 404,
        body: { error: 'no hazard with id 7', code: 'not_found' },
      });
    });

    it('answers anything else 500 with only the request id, and logs the error with that id', async () => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const broken = route({ permission: 'data:read' }, async () => {
        throw new Error('relation "secret_table" does not exist at /srv/app/db.ts:12');
      });
      const answer = await call(broken, { cookie: tokens.office, url: 'http://app.test/api/v1/broken?q=1' });
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ error: 'Internal server error', code: 'internal', request_id: 'req-test-1' });
      expect(errors).toHaveBeenCalledOnce();
      expect(errors.mock.calls[0]?.[0]).toBe('[req-test-1] GET /api/v1/broken failed:');
      expect(String(errors.mock.calls[0]?.[1])).toMatch(/secret_table/);
      errors.mockRestore();
    });
  });
});
