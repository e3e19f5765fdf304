import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { hashSessionToken, SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

// The real route modules, over the test's database instead of the configured one.
const database = vi.hoisted(() => ({ handle: null as DatabaseHandle | null }));
vi.mock('../../db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/client')>()),
  getDatabase: async () => {
    if (!database.handle) throw new Error('no test database open');
    return database.handle;
  },
}));
const tokensRoute = await import('../../app/api/v1/tokens/route');
const tokenRoute = await import('../../app/api/v1/tokens/[id]/route');
const layerRoute = await import('../../app/api/v1/layers/[layer]/route');
const hazardsRoute = await import('../../app/api/v1/hazards/route');

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

interface Call {
  method?: string;
  cookie?: string;
  authorization?: string;
  body?: unknown;
  params?: Record<string, string>;
  url?: string;
}

async function call(handler: Handler, init: Call = {}) {
  const headers = new Headers({ 'x-request-id': 'req-tokens' });
  if (init.cookie) headers.set('cookie', `${SESSION_COOKIE}=${init.cookie}`);
  if (init.authorization) headers.set('authorization', init.authorization);
  let body: string | undefined;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers.set('content-type', 'application/json');
    headers.set('content-length', String(Buffer.byteLength(body)));
  }
  const request = new Request(init.url ?? 'http://app.test/api/v1/x', { method: init.method ?? 'GET', headers, body });
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
  return { status: response.status, body: await response.json() };
}

const basic = (user: string, token: string) => `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

describe.each(testEngines)('personal API tokens on $name (mini town)', (engine) => {
  let session: string;
  const db = () => database.handle!.db;

  beforeAll(async () => {
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, writeMiniTown());
    await ensureDemoAccounts(database.handle.db);
    session = (await signIn(database.handle.db, { username: 'village', password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
  });
  afterAll(async () => {
    await database.handle?.close();
    database.handle = null;
  });

  async function newToken(name: string, days?: number) {
    const body = days === undefined ? { name } : { name, expires_in_days: days };
    const created = await call(tokensRoute.POST, { method: 'POST', cookie: session, body });
    expect(created.status).toBe(201);
    return created.body as { id: number; name: string; token: string; expires_at: string };
  }

  it('shows the secret once, stores only its hash, lists without it and audits the creation', async () => {
    const created = await newToken('QGIS 办公室', 30);
    expect(created.token).toMatch(/^fst_[A-Za-z0-9_-]{43}$/);
    const stored = await db()
      .selectFrom('api_tokens')
      .select(['token_hash', 'expires_at', 'created_at'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashSessionToken(created.token));
    const days = (new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 5);
    const listed = await call(tokensRoute.GET, { cookie: session });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
    expect(listed.body.tokens.map((token: { name: string }) => token.name)).toContain('QGIS 办公室');
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('table_name', '=', 'api_tokens')
      .where('record_id', '=', String(created.id))
      .execute();
    expect(audit).toEqual([{ actor: 'village', action: 'create' }]);
  });

  it('defaults to 90 days and refuses more than 365 or an empty name', async () => {
    const created = await newToken('default');
    const stored = await db()
      .selectFrom('api_tokens')
      .select(['expires_at', 'created_at'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect((new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()) / 86_400_000).toBeCloseTo(90, 5);
    for (const body of [{ name: 'x', expires_in_days: 366 }, { name: '  ' }, { name: 'x', expires_in_days: 0 }]) {
      expect((await call(tokensRoute.POST, { method: 'POST', cookie: session, body })).status).toBe(400);
    }
  });

  it('reads as its user, within their village, by Bearer or by Basic with any user name, and stamps its last use', async () => {
    const { id, token } = await newToken('reader');
    const params = { layer: 'buildings' };
    const url = 'http://app.test/api/v1/layers/buildings';
    const bySession = await call(layerRoute.GET, { cookie: session, params, url });
    const byBearer = await call(layerRoute.GET, { authorization: `Bearer ${token}`, params, url });
    const byBasic = await call(layerRoute.GET, { authorization: basic('qgis', token), params, url });
    expect(bySession.status).toBe(200);
    expect(byBearer).toEqual(bySession);
    expect(byBasic).toEqual(bySession);
    const [village] = (await db().selectFrom('users').select('villages').where('username', '=', 'village').executeTakeFirstOrThrow())
      .villages!;
    const inVillage = await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings WHERE village_code = ${village}`.execute(db());
    expect(byBearer.body.features).toHaveLength(inVillage.rows[0]!.n);
    const used = await db().selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
  });

  it('logs each use with the token’s name, and never the token', async () => {
    const { token } = await newToken('QGIS 办公室');
    const log = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const url = 'http://app.test/api/v1/layers/buildings?bbox=112,37,113,38';
      await call(layerRoute.GET, { authorization: `Bearer ${token}`, params: { layer: 'buildings' }, url });
      await call(layerRoute.GET, { cookie: session, params: { layer: 'buildings' }, url });
      const lines = log.mock.calls.map((args) => args.join(' '));
      expect(lines).toEqual(['[req-tokens] token "QGIS 办公室" of village: GET /api/v1/layers/buildings?bbox=112,37,113,38']);
    } finally {
      log.mockRestore();
    }
  });

  it('only reads: changes and token management need a session', async () => {
    const { token } = await newToken('read only');
    const authorization = `Bearer ${token}`;
    const create = await call(hazardsRoute.POST, { method: 'POST', authorization, body: {} });
    expect(create).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const more = await call(tokensRoute.POST, { method: 'POST', authorization, body: { name: 'another' } });
    expect(more).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  });

  it('answers a revoked token, an expired one, an unknown one and a malformed header with 401 and a code', async () => {
    const revoked = await newToken('to revoke');
    const gone = await call(tokenRoute.DELETE, { method: 'DELETE', cookie: session, params: { id: String(revoked.id) } });
    expect(gone.status).toBe(200);
    expect(gone.body.token.revoked_at).not.toBeNull();
    const params = { layer: 'villages' };
    expect(await call(layerRoute.GET, { authorization: `Bearer ${revoked.token}`, params })).toMatchObject({
      status: 401,
      body: { code: 'token_revoked' },
    });
    const expired = await newToken('to expire', 1);
    await sql`UPDATE api_tokens SET created_at = now() - interval '3 days', expires_at = now() - interval '1 second' WHERE id = ${expired.id}`.execute(
      db(),
    );
    expect(await call(layerRoute.GET, { authorization: basic('x', expired.token), params })).toMatchObject({
      status: 401,
      body: { code: 'token_expired' },
    });
    const unknown = `Bearer fst_${'A'.repeat(43)}`;
    for (const authorization of [unknown, 'Bearer', 'Token abc', basic('x', 'not-a-token'), `Bearer ${revoked.token} extra`]) {
      expect(await call(layerRoute.GET, { authorization, params })).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    }
  });

  it('revokes only the owner’s own tokens', async () => {
    const mine = await newToken('mine');
    const other = (await signIn(db(), { username: 'office', password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    const answer = await call(tokenRoute.DELETE, { method: 'DELETE', cookie: other, params: { id: String(mine.id) } });
    expect(answer).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await call(layerRoute.GET, { authorization: `Bearer ${mine.token}`, params: { layer: 'villages' } })).status).toBe(200);
  });
});
