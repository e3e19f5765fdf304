import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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
const { PATCH: updateHazardRoute } = await import('../../app/api/v1/hazards/[id]/route');
const { POST: transitionRoute } = await import('../../app/api/v1/hazards/[id]/transitions/route');
const { POST: photoRoute } = await import('../../app/api/v1/hazards/[id]/photos/route');

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

interface Call {
  token: string;
  key?: string;
  method?: string;
  body: BodyInit;
  type?: string;
  params?: Record<string, string>;
}

/** Calls a route as a browser would: the body as bytes with its length, the session cookie, the key if any. */
async function call(handler: Handler, { token, key, method = 'POST', body, type, params = {} }: Call) {
  const headers = new Headers({ 'x-request-id': `req-${Math.random()}`, cookie: `${SESSION_COOKIE}=${token}` });
  if (key !== undefined) headers.set('Idempotency-Key', key);
  const encoded = new Response(body, type ? { headers: { 'Content-Type': type } } : undefined);
  headers.set('content-type', encoded.headers.get('content-type') ?? 'application/octet-stream');
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  headers.set('content-length', String(bytes.byteLength));
  const response = await handler(new Request('http://app.test/api', { method, headers, body: bytes }), { params: Promise.resolve(params) });
  return { status: response.status, text: await response.text(), replayed: response.headers.get('idempotent-replayed') };
}

const json = (value: unknown) => ({ body: JSON.stringify(value), type: 'application/json' });

const newHazard = (description: string) =>
  json({ category: 'electrical', severity: 'general', description, found_on: '2026-03-01', location: { lon: 112.0955, lat: 37.3655 } });

const COUNTED = ['hazards', 'hazard_events', 'hazard_photos', 'audit_log', 'idempotency_keys'] as const;

function db() {
  if (!database.handle) throw new Error('no test database open');
  return database.handle.db;
}

/** Row counts of every table a hazard write touches. */
async function counts(): Promise<Record<string, number>> {
  const entries = await Promise.all(
    COUNTED.map(async (table) => {
      const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db());
      return [table, result.rows[0]!.n] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function jpeg(background: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await sharp({ create: { width: 32, height: 24, channels: 3, background } })
      .jpeg()
      .toBuffer(),
  );
}

describe.each(testEngines)('Idempotency-Key on hazard writes on $name (mini town)', (engine) => {
  let admin: string;
  let office: string;
  beforeAll(async () => {
    vi.stubEnv('PHOTO_STORAGE', 'database');
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, writeMiniTown());
    await ensureDemoAccounts(database.handle.db);
    const session = async (username: string) =>
      (await signIn(database.handle!.db, { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    admin = await session('admin');
    office = await session('office');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.handle?.close();
    database.handle = null;
  });

  it('replays the first answer to a retried create and writes nothing new', async () => {
    const first = await call(createHazardRoute, { token: admin, key: 'create-1', ...newHazard('私拉电线') });
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    const before = await counts();
    const again = await call(createHazardRoute, { token: admin, key: 'create-1', ...newHazard('私拉电线') });
    expect(again).toEqual({ ...first, replayed: 'true' });
    expect(await counts()).toEqual(before);
    const id = (JSON.parse(first.text) as { hazard: { id: number } }).hazard.id;
    const audit = await db()
      .selectFrom('audit_log')
      .select('id')
      .where('table_name', '=', 'hazards')
      .where('record_id', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses the key for a different body with 422 idempotency_key_reused', async () => {
    const before = await counts();
    const other = await call(createHazardRoute, { token: admin, key: 'create-1', ...newHazard('另一处隐患') });
    expect(other.status).toBe(422);
    expect(JSON.parse(other.text)).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await counts()).toEqual(before);
  });

  it('makes a parallel request with the same key wait for the first and replay its answer', async () => {
    const before = await counts();
    const [a, b] = await Promise.all([
      call(createHazardRoute, { token: admin, key: 'parallel', ...newHazard('并发提交') }),
      call(createHazardRoute, { token: admin, key: 'parallel', ...newHazard('并发提交') }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.text).toBe(b.text);
    expect([a.replayed, b.replayed].sort()).toEqual([null, 'true'].sort());
    const after = await counts();
    expect(after.hazards).toBe(before.hazards! + 1);
    expect(after.idempotency_keys).toBe(before.idempotency_keys! + 1);
  });

  it('keeps keys per user: the same key from another user is a new request', async () => {
    const before = await counts();
    const mine = await call(createHazardRoute, { token: admin, key: 'shared-key', ...newHazard('同键不同人') });
    const theirs = await call(createHazardRoute, { token: office, key: 'shared-key', ...newHazard('同键不同人') });
    expect([mine.status, theirs.status, theirs.replayed]).toEqual([201, 201, null]);
    expect(JSON.parse(theirs.text).hazard.id).not.toBe(JSON.parse(mine.text).hazard.id);
    expect((await counts()).hazards).toBe(before.hazards! + 2);
  });

  it('replays a transition and an edit once applied', async () => {
    const created = JSON.parse((await call(createHazardRoute, { token: admin, ...newHazard('待整改') })).text) as {
      hazard: { id: number };
    };
    const params = { id: String(created.hazard.id) };
    const step = { token: admin, key: 'step-1', params, ...json({ to: 'in_progress', version: 1 }) };
    const moved = await call(transitionRoute, step);
    expect(moved.status).toBe(200);
    const before = await counts();
    // Without the key this would be a stale version (409); with it the client learns its step went through.
    expect(await call(transitionRoute, step)).toEqual({ ...moved, replayed: 'true' });
    expect(await counts()).toEqual(before);

    const edit = { token: admin, key: 'edit-1', method: 'PATCH', params, ...json({ version: 2, description: '已开始整改' }) };
    const edited = await call(updateHazardRoute, edit);
    expect(edited.status).toBe(200);
    const afterEdit = await counts();
    expect(await call(updateHazardRoute, edit)).toEqual({ ...edited, replayed: 'true' });
    expect(await counts()).toEqual(afterEdit);
    const row = await db()
      .selectFrom('hazards')
      .select(['version', 'description'])
      .where('id', '=', created.hazard.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 3, description: '已开始整改' });
  });

  it('keeps nothing for a request that failed, so its key can be used again', async () => {
    const created = JSON.parse((await call(createHazardRoute, { token: admin, ...newHazard('失败重试') })).text) as {
      hazard: { id: number };
    };
    const params = { id: String(created.hazard.id) };
    const before = await counts();
    const stale = await call(transitionRoute, { token: admin, key: 'failed-1', params, ...json({ to: 'in_progress', version: 9 }) });
    expect([stale.status, JSON.parse(stale.text).code]).toEqual([409, 'stale_version']);
    expect(await counts()).toEqual(before);
    const retried = await call(transitionRoute, { token: admin, key: 'failed-1', params, ...json({ to: 'in_progress', version: 1 }) });
    expect([retried.status, retried.replayed]).toEqual([200, null]);
  });

  it('replays a photo upload and acknowledges the bytes received by their SHA-256', async () => {
    const created = JSON.parse((await call(createHazardRoute, { token: admin, ...newHazard('拍照') })).text) as { hazard: { id: number } };
    const image = await jpeg('#a53');
    // A retry builds its form again, with a new multipart boundary: still the same request.
    const upload = () => {
      const form = new FormData();
      form.set('kind', 'before');
      form.set('file', new File([image], 'before.jpg', { type: 'image/jpeg' }));
      return { token: admin, key: 'photo-1', body: form, params: { id: String(created.hazard.id) } };
    };
    const first = await call(photoRoute, upload());
    expect(first.status).toBe(201);
    expect(JSON.parse(first.text).received_sha256).toBe(createHash('sha256').update(image).digest('hex'));
    const before = await counts();
    expect(await call(photoRoute, upload())).toEqual({ ...first, replayed: 'true' });
    expect(await counts()).toEqual(before);

    const otherPhoto = new FormData();
    otherPhoto.set('kind', 'before');
    otherPhoto.set('file', new File([await jpeg('#35a')], 'before.jpg', { type: 'image/jpeg' }));
    const reused = await call(photoRoute, { ...upload(), body: otherPhoto });
    expect([reused.status, JSON.parse(reused.text).code]).toEqual([422, 'idempotency_key_reused']);
  });

  it('refuses a key that is not 1–255 printable ASCII characters with 400, before writing', async () => {
    const before = await counts();
    for (const key of ['', 'a'.repeat(256), 'clé', 'tab\there']) {
      const answer = await call(createHazardRoute, { token: admin, key, ...newHazard('坏键') });
      expect([key, answer.status, JSON.parse(answer.text).code]).toEqual([key, 400, 'bad_request']);
    }
    expect(await call(createHazardRoute, { token: admin, key: 'a'.repeat(255), ...newHazard('长键') })).toMatchObject({ status: 201 });
    expect((await counts()).hazards).toBe(before.hazards! + 1);
  });

  it('keeps a key for a phone out of signal for weeks, and forgets it after 30 days', async () => {
    const first = await call(createHazardRoute, { token: admin, key: 'old-key', ...newHazard('过期键') });
    await sql`UPDATE idempotency_keys SET created_at = now() - interval '29 days' WHERE key = 'old-key'`.execute(db());
    const weeksLater = await call(createHazardRoute, { token: admin, key: 'old-key', ...newHazard('过期键') });
    expect([weeksLater.status, weeksLater.replayed, weeksLater.text]).toEqual([201, 'true', first.text]);
    await sql`UPDATE idempotency_keys SET created_at = now() - interval '30 days 1 hour' WHERE key = 'old-key'`.execute(db());
    const later = await call(createHazardRoute, { token: admin, key: 'old-key', ...newHazard('过期键') });
    expect([later.status, later.replayed]).toEqual([201, null]);
    expect(JSON.parse(later.text).hazard.id).not.toBe(JSON.parse(first.text).hazard.id);
    const kept = await db().selectFrom('idempotency_keys').select('key').where('key', '=', 'old-key').execute();
    expect(kept).toHaveLength(1);
  });
});
