import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
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
const { POST: resetRoute } = await import('../../app/api/v1/users/[id]/password-reset/route');
const { POST: signInRoute } = await import('../../app/api/auth/sign-in/route');
const { POST: passwordRoute } = await import('../../app/api/auth/password/route');
const { GET: villagesRoute } = await import('../../app/api/v1/villages/route');

const ORIGIN = 'http://app.test';
const headers = (token: string | null, requestId: string) => ({
  'content-type': 'application/json',
  'x-request-id': requestId,
  ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
});
const post = (path: string, token: string | null, body: unknown, requestId = 'req-test') =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', headers: headers(token, requestId), body: JSON.stringify(body) });
const cookieToken = (response: Response) => /fire_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';

describe.each(testEngines)('an administrator resets a password on $name', (engine) => {
  let handle: DatabaseHandle;
  let admin: string;
  let inspectorId: number;
  beforeAll(async () => {
    handle = await engine.open();
    database.handle = handle;
    await seedIfEmpty(handle.db, writeMiniTown());
    await ensureDemoAccounts(handle.db);
    admin = (await signIn(handle.db, { username: 'admin', password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    inspectorId = (await handle.db.selectFrom('users').select('id').where('username', '=', 'inspector').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    database.handle = null;
    await handle?.close();
  });

  const signInAs = (password: string) => signInRoute(post('/api/auth/sign-in', null, { username: 'inspector', password }));
  const villages = (token: string) => villagesRoute(new Request(`${ORIGIN}/api/v1/villages`, { headers: headers(token, 'req-villages') }));

  it('gives a temporary password that must be changed before anything else, and refuses the old ones after', async () => {
    const earlier = (await signInAs(DEMO_PASSWORD)).status === 200;
    expect(earlier).toBe(true);

    const reset = await resetRoute(post(`/api/v1/users/${inspectorId}/password-reset`, admin, {}, 'req-reset'), {
      params: Promise.resolve({ id: String(inspectorId) }),
    });
    expect(reset.status).toBe(200);
    const { user, temporary_password: temporary } = await reset.json();
    expect(user).toMatchObject({ username: 'inspector', must_change_password: true });
    expect(temporary).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{12}$/);
    // The reset ended the inspector's sessions; the old password no longer signs in.
    const sessions = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${inspectorId}`.execute(handle.db);
    expect(sessions.rows[0]!.n).toBe(0);
    expect((await signInAs(DEMO_PASSWORD)).status).toBe(401);

    const signedIn = await signInAs(temporary);
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()).start).toBe('/account/password');
    const token = cookieToken(signedIn);
    const refused = await villages(token);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('forbidden');

    const keep = await passwordRoute(post('/api/auth/password', token, { current_password: temporary, new_password: temporary }));
    expect([keep.status, (await keep.json()).field]).toEqual([400, 'new_password']);
    const wrong = await passwordRoute(
      post('/api/auth/password', token, { current_password: 'not-it-at-all', new_password: 'a-new-one-2026' }),
    );
    expect([wrong.status, (await wrong.json()).field]).toEqual([400, 'current_password']);
    const changed = await passwordRoute(
      post('/api/auth/password', token, { current_password: temporary, new_password: 'a-new-one-2026' }, 'req-change'),
    );
    expect(changed.status).toBe(200);
    expect((await changed.json()).start).toBe('/hazards');

    // The session it was changed in goes on, now with everything its role allows.
    expect((await villages(token)).status).toBe(200);
    expect((await signInAs(temporary)).status).toBe(401);
    expect((await signInAs(DEMO_PASSWORD)).status).toBe(401);
    expect((await signInAs('a-new-one-2026')).status).toBe(200);

    const audit = await sql<{ actor: string; request_id: string; before: Record<string, unknown>; after: Record<string, unknown> }>`
      SELECT actor, request_id, before, after FROM audit_log
      WHERE table_name = 'users' AND record_id = ${String(inspectorId)} AND action = 'update' ORDER BY id`.execute(handle.db);
    expect(audit.rows.map(({ actor, request_id, before, after }) => [actor, request_id, before.must_change_password, after])).toEqual([
      ['admin', 'req-reset', false, expect.objectContaining({ must_change_password: true, password: 'reset' })],
      ['inspector', 'req-change', true, expect.objectContaining({ must_change_password: false, password: 'changed' })],
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain(temporary);
  });

  it('does not let an administrator reset their own password here', async () => {
    const self = (await handle.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const answer = await resetRoute(post(`/api/v1/users/${self}/password-reset`, admin, {}), {
      params: Promise.resolve({ id: String(self) }),
    });
    expect(answer.status).toBe(400);
  });
});
