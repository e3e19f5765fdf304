import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { type RouteHandler, routeWith } from '../../lib/api/route';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

/** Input no form would send, through the route wrapper onto a real database: every answer is a 4xx with a code. */
describe.each(testEngines)('hostile input on $name', (engine) => {
  let handle: DatabaseHandle;
  let route: ReturnType<typeof routeWith>;
  let token: string;

  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
    await ensureDemoAccounts(handle.db);
    route = routeWith(() => Promise.resolve(handle));
    token = (await signIn(handle.db, { username: 'office', password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
  });
  afterAll(() => handle?.close());

  async function call(handler: RouteHandler, init: RequestInit & { url?: string } = {}) {
    const headers = new Headers(init.headers);
    headers.set('x-request-id', 'req-hostile');
    headers.set('cookie', `${SESSION_COOKIE}=${token}`);
    const request = new Request(init.url ?? 'http://app.test/api/x', { ...init, headers });
    const response = await handler(request, { params: Promise.resolve({}) });
    return { status: response.status, body: await response.json() };
  }

  /** A handler that runs one statement, as a query module would. */
  const running = (statement: string) =>
    route({ permission: 'data:read' }, async ({ db }) => {
      await sql.raw(statement).execute(db);
      return Response.json({ ok: true });
    });

  it('refuses NUL characters in a JSON body, naming the field', async () => {
    const post = route({ permission: 'data:read', body: z.object({ note: z.string() }) }, async () => Response.json({ ok: true }));
    const answer = await call(post, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ note: 'a\u0000b' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'note' }] });
  });

  it('refuses NUL characters in the query, even where the route reads no schema', async () => {
    const answer = await call(
      route({ permission: 'data:read' }, async () => Response.json({ ok: true })),
      { url: 'http://app.test/api/x?q=%00' },
    );
    expect(answer).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  });

  it('answers a duplicate with 409 conflict', async () => {
    const answer = await call(
      running(`INSERT INTO users (username, display_name, role, password_hash) VALUES ('office', 'x', 'office', 'x')`),
    );
    expect(answer).toEqual({ status: 409, body: { code: 'conflict', error: '已有相同值的记录' } });
  });

  it('answers a reference to a missing record with 422', async () => {
    const answer = await call(running(`INSERT INTO hazard_events (hazard_id, actor, action) VALUES (2147483647, 'x', 'created')`));
    expect(answer).toMatchObject({ status: 422, body: { code: 'unprocessable' } });
  });

  it('answers a value the data forbids with 422', async () => {
    const answer = await call(
      running(`INSERT INTO users (username, display_name, role, password_hash) VALUES ('emperor', 'x', 'emperor', 'x')`),
    );
    expect(answer).toMatchObject({ status: 422, body: { code: 'unprocessable' } });
  });

  it('answers impossible dates and out-of-range numbers with 400', async () => {
    expect(await call(running(`SELECT '2026-02-30'::date`))).toMatchObject({ status: 400, body: { code: 'bad_request' } });
    expect(await call(running(`SELECT 99999999999::int`))).toMatchObject({ status: 400, body: { code: 'bad_request' } });
  });

  it('still answers a bug with 500 and only the request id', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await call(running('SELEC 1'));
    expect(answer).toEqual({ status: 500, body: { error: 'Internal server error', code: 'internal', request_id: 'req-hostile' } });
    errors.mockRestore();
  });
});
