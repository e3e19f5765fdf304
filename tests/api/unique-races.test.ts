import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { testEngines } from '../helpers/engines';
import { MINI_V1, writeMiniTown } from '../town/mini-town';

// The real route modules, over the test's database instead of the configured one.
const database = vi.hoisted(() => ({ handle: null as DatabaseHandle | null }));
vi.mock('../../db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/client')>()),
  getDatabase: async () => {
    if (!database.handle) throw new Error('no test database open');
    return database.handle;
  },
}));
const { POST: createUserRoute } = await import('../../app/api/v1/users/route');
const { POST: importRoute } = await import('../../app/api/v1/hazards/import/route');

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, token: string, body: FormData | string, type?: string) {
  const encoded = new Response(body, type ? { headers: { 'content-type': type } } : undefined);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const headers = new Headers({
    cookie: `${SESSION_COOKIE}=${token}`,
    'content-type': encoded.headers.get('content-type') ?? '',
    'content-length': String(bytes.byteLength),
  });
  const response = await handler(new Request('http://app.test/api', { method: 'POST', headers, body: bytes }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Two requests that may only succeed once, started together so both pass any check made before writing. */
describe.each(testEngines)('unique-key races on $name (mini town)', (engine) => {
  let token = '';
  beforeAll(async () => {
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, writeMiniTown());
    await ensureDemoAccounts(database.handle.db);
    token = (await signIn(database.handle.db, { username: 'admin', password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
  });
  afterAll(async () => {
    await database.handle?.close();
    database.handle = null;
  });

  const count = async (table: 'users' | 'hazards') =>
    Number(
      (
        await database
          .handle!.db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates one of two parallel accounts with one username; the other is a 409', async () => {
    const before = await count('users');
    const account = JSON.stringify({ username: 'twin', display_name: '同名', role: 'leader', password: 'a-long-password-1' });
    const answers = await Promise.all([0, 1].map(() => call(createUserRoute, token, account, 'application/json')));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body).toMatchObject({ code: expect.any(String), error: expect.any(String) });
    expect(await count('users')).toBe(before + 1);
  });

  it('imports one of two parallel files carrying one hazard code; the other is a 4xx', async () => {
    const before = await count('hazards');
    const form = () => {
      const data = new FormData();
      data.set('commit', 'true');
      const csv = `编号,村代码,类别,等级,描述,发现日期,经度,纬度\nIMP-1,${MINI_V1},electrical,general,私拉电线,2026-03-01,112.095,37.364\n`;
      data.set('file', new File([csv], '隐患.csv', { type: 'text/csv' }));
      return data;
    };
    const answers = await Promise.all([0, 1].map(() => call(importRoute, token, form())));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses[0]).toBe(201);
    expect([409, 422]).toContain(statuses[1]);
    expect(await count('hazards')).toBe(before + 1);
  });
});
