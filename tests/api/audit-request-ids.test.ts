import sharp from 'sharp';
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
const { POST: createHazardRoute } = await import('../../app/api/v1/hazards/route');
const { POST: transitionRoute } = await import('../../app/api/v1/hazards/[id]/transitions/route');
const { POST: photoRoute } = await import('../../app/api/v1/hazards/[id]/photos/route');
const { PATCH: userRoute } = await import('../../app/api/v1/users/[id]/route');

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route as Next does after the proxy stamped the request with `requestId`. */
async function call(
  handler: Handler,
  requestId: string,
  token: string,
  init: { method: string; body: BodyInit; type?: string },
  params: Record<string, string> = {},
) {
  const headers = new Headers({ 'x-request-id': requestId, cookie: `${SESSION_COOKIE}=${token}` });
  // Multipart and JSON alike go out as bytes with their length, as a browser sends them.
  const encoded = new Response(init.body, init.type ? { headers: { 'Content-Type': init.type } } : undefined);
  headers.set('content-type', encoded.headers.get('content-type') ?? 'application/octet-stream');
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  headers.set('content-length', String(bytes.byteLength));
  return handler(new Request('http://app.test/api', { method: init.method, headers, body: bytes }), { params: Promise.resolve(params) });
}

function testDb() {
  if (!database.handle) throw new Error('no test database open');
  return database.handle.db;
}

describe.each(testEngines)('audit rows carry the request id on $name (mini town)', (engine) => {
  let token: string;
  beforeAll(async () => {
    vi.stubEnv('PHOTO_STORAGE', 'database');
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, writeMiniTown());
    await ensureDemoAccounts(database.handle.db);
    token = (await signIn(database.handle.db, { username: 'admin', password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.handle?.close();
    database.handle = null;
  });

  const auditRow = (table: string, recordId: number | string, action: string) =>
    testDb()
      .selectFrom('audit_log')
      .select(['actor', 'request_id'])
      .where('table_name', '=', table)
      .where('record_id', '=', String(recordId))
      .where('action', '=', action)
      .execute();

  it('records a hazard creation, a transition, a photo upload and a user change under the request that made them', async () => {
    const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), type: 'application/json' });
    const created = await call(
      createHazardRoute,
      'req-create',
      token,
      json({
        category: 'electrical',
        severity: 'general',
        description: '私拉电线',
        found_on: '2026-03-01',
        location: { lon: 112.0955, lat: 37.3655 },
      }),
    );
    expect(created.status).toBe(201);
    const hazardId = ((await created.json()) as { hazard: { id: number } }).hazard.id;

    const moved = await call(transitionRoute, 'req-transition', token, json({ to: 'in_progress', version: 1 }), { id: String(hazardId) });
    expect(moved.status).toBe(200);

    const form = new FormData();
    form.set('kind', 'before');
    const image = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#a53' } })
      .jpeg()
      .toBuffer();
    form.set('file', new File([new Uint8Array(image)], 'before.jpg', { type: 'image/jpeg' }));
    const uploaded = await call(photoRoute, 'req-photo', token, { method: 'POST', body: form }, { id: String(hazardId) });
    expect(uploaded.status).toBe(201);
    const photoId = ((await uploaded.json()) as { photo: { id: number } }).photo.id;

    const village = await testDb()
      .selectFrom('users')
      .select(['id', 'version'])
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    const patch = { ...json({ version: village.version, display_name: '村级信息员甲' }), method: 'PATCH' };
    const renamed = await call(userRoute, 'req-user', token, patch, { id: String(village.id) });
    expect(renamed.status).toBe(200);

    expect(await auditRow('hazards', hazardId, 'create')).toEqual([{ actor: 'admin', request_id: 'req-create' }]);
    expect(await auditRow('hazards', hazardId, 'transition')).toEqual([{ actor: 'admin', request_id: 'req-transition' }]);
    expect(await auditRow('hazard_photos', photoId, 'create')).toEqual([{ actor: 'admin', request_id: 'req-photo' }]);
    expect(await auditRow('users', village.id, 'update')).toEqual([{ actor: 'admin', request_id: 'req-user' }]);
  });

  it('gives the rows of one seed run one id of their own', async () => {
    const seeds = await testDb().selectFrom('audit_log').select('request_id').distinct().where('action', '=', 'seed').execute();
    expect(seeds).toHaveLength(1);
    expect(seeds[0]?.request_id).toMatch(/^seed-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
