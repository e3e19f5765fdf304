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
const buildingChecks = await import('../../app/api/v1/buildings/[id]/field-checks/route');
const obstacleChecks = await import('../../app/api/v1/obstacles/[id]/field-checks/route');

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

interface Answer {
  status: number;
  body: Record<string, any>;
  text: string;
  replayed: string | null;
}

let requestCounter = 0;

/** Calls a route as the phone does: JSON bytes with their length, the session cookie, the key if any. */
async function call(handler: Handler, token: string, id: number, json?: unknown, key?: string): Promise<Answer> {
  const requestId = `req-field-${++requestCounter}`;
  const headers = new Headers({ 'x-request-id': requestId, cookie: `${SESSION_COOKIE}=${token}` });
  if (key !== undefined) headers.set('Idempotency-Key', key);
  let body: Uint8Array | null = null;
  if (json !== undefined) {
    body = new TextEncoder().encode(JSON.stringify(json));
    headers.set('content-type', 'application/json');
    headers.set('content-length', String(body.byteLength));
  }
  const request = new Request('http://app.test/api', {
    method: json === undefined ? 'GET' : 'POST',
    headers,
    body: body?.slice().buffer ?? null,
  });
  const response = await handler(request, { params: Promise.resolve({ id: String(id) }) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text, replayed: response.headers.get('idempotent-replayed') };
}

function db() {
  if (!database.handle) throw new Error('no test database open');
  return database.handle.db;
}

const count = async (table: 'field_checks' | 'audit_log' | 'idempotency_keys') =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db())).rows[0]!.n;

const building = (code: string) =>
  db().selectFrom('buildings').select(['id', 'has_smoke_alarm', 'has_extinguisher']).where('code', '=', code).executeTakeFirstOrThrow();
const obstacle = (code: string) =>
  db()
    .selectFrom('obstacles')
    .select(['id', 'status', sql<string | null>`cleared_on::text`.as('cleared_on')])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

describe.each(testEngines)('field checks (现场核查) on $name (mini town)', (engine) => {
  let village: string;
  let inspector: string;
  beforeAll(async () => {
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, writeMiniTown());
    await ensureDemoAccounts(database.handle.db);
    const session = async (username: string) =>
      (await signIn(database.handle!.db, { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    // The village officer has 刘胡兰村 (B1, B2, O1); the inspector both villages.
    village = await session('village');
    inspector = await session('inspector');
  });
  afterAll(async () => {
    await database.handle?.close();
    database.handle = null;
  });

  it("sets the building's equipment from a check and audits both writes with the request id", async () => {
    // The mini town's B1: an extinguisher, no smoke alarm (the test town's default).
    const b1 = await building('B1');
    expect(b1).toMatchObject({ has_smoke_alarm: false, has_extinguisher: true });
    const answer = await call(buildingChecks.POST, village, b1.id, {
      observed_at: '2026-03-01T09:30:00+08:00',
      has_smoke_alarm: true,
      note: '  新装烟感  ',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.applied).toBe(true);
    expect(answer.body.target).toMatchObject({ id: b1.id, has_smoke_alarm: true, has_extinguisher: true });
    expect(answer.body.field_check).toMatchObject({
      target_kind: 'building',
      target_id: b1.id,
      observed_at: '2026-03-01T01:30:00Z',
      has_smoke_alarm: true,
      has_extinguisher: null,
      cleared: null,
      note: '新装烟感',
      checked_by_name: '村级信息员（示例）',
      applied: true,
    });
    expect(await building('B1')).toMatchObject({ has_smoke_alarm: true, has_extinguisher: true });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['table_name', 'record_id', 'action', 'actor', 'request_id', 'before', 'after'])
      .where('request_id', '=', `req-field-${requestCounter}`)
      .orderBy('id')
      .execute();
    expect(audit.map((row) => [row.table_name, row.record_id, row.action, row.actor])).toEqual([
      ['field_checks', String(answer.body.field_check.id), 'create', 'village'],
      ['buildings', String(b1.id), 'update', 'village'],
    ]);
    expect(audit[1]?.before).toEqual({ has_smoke_alarm: false, has_extinguisher: true });
  });

  it('orders checks by when they were observed: an older one arriving later is history only', async () => {
    const b2 = await building('B2');
    const t1 = '2026-03-05T08:00:00Z';
    const t2 = '2026-03-05T10:00:00Z';
    // Sent in the order t2, t1: what was seen at t2 (smoke alarm yes, extinguisher no) must stand.
    const newer = await call(buildingChecks.POST, inspector, b2.id, { observed_at: t2, has_smoke_alarm: true, has_extinguisher: false });
    const older = await call(buildingChecks.POST, inspector, b2.id, { observed_at: t1, has_smoke_alarm: false, has_extinguisher: true });
    expect([newer.status, newer.body.applied, older.status, older.body.applied]).toEqual([201, true, 201, false]);
    expect(older.body.target).toMatchObject({ has_smoke_alarm: true, has_extinguisher: false });
    expect(await building('B2')).toMatchObject({ has_smoke_alarm: true, has_extinguisher: false });
    // The audit log has the older check but no change of the building for it.
    const buildingAudits = await db()
      .selectFrom('audit_log')
      .select('id')
      .where('table_name', '=', 'buildings')
      .where('record_id', '=', String(b2.id))
      .execute();
    expect(buildingAudits).toHaveLength(1);

    const history = await call(buildingChecks.GET, village, b2.id);
    expect(history.status).toBe(200);
    expect(history.body.field_checks.map((c: any) => [c.observed_at, c.applied, c.checked_by_name])).toEqual([
      ['2026-03-05T10:00:00Z', true, '检查员（示例）'],
      ['2026-03-05T08:00:00Z', false, '检查员（示例）'],
    ]);
    expect(history.body.target).toMatchObject({ id: b2.id, has_smoke_alarm: true, has_extinguisher: false });
  });

  it('clears an obstacle on the China date of the observation, and opens it again when a later check finds it', async () => {
    const o1 = await obstacle('O1');
    expect(o1).toMatchObject({ status: 'open', cleared_on: null });
    // 17:30 UTC on 1 March is 01:30 on 2 March in China.
    const cleared = await call(obstacleChecks.POST, village, o1.id, { observed_at: '2026-03-01T17:30:00Z', cleared: true });
    expect(cleared.status).toBe(201);
    expect(cleared.body.target).toMatchObject({ id: o1.id, status: 'cleared', cleared_on: '2026-03-02' });
    expect(await obstacle('O1')).toMatchObject({ status: 'cleared', cleared_on: '2026-03-02' });

    // Seen an hour before it was cleared, synced later: history only.
    const late = await call(obstacleChecks.POST, village, o1.id, { observed_at: '2026-03-01T16:30:00Z', cleared: false });
    expect([late.status, late.body.applied]).toEqual([201, false]);
    expect(await obstacle('O1')).toMatchObject({ status: 'cleared', cleared_on: '2026-03-02' });

    const back = await call(obstacleChecks.POST, village, o1.id, { observed_at: '2026-03-03T02:00:00Z', cleared: false, note: '又堆上了' });
    expect([back.status, back.body.applied]).toEqual([201, true]);
    expect(await obstacle('O1')).toMatchObject({ status: 'open', cleared_on: null });
    const history = await call(obstacleChecks.GET, village, o1.id);
    expect(history.body.field_checks.map((c: any) => [c.observed_at, c.cleared])).toEqual([
      ['2026-03-03T02:00:00Z', false],
      ['2026-03-01T17:30:00Z', true],
      ['2026-03-01T16:30:00Z', false],
    ]);
  });

  it('replays a retried check with the same key and writes it once; another body under the key is 422', async () => {
    const b1 = await building('B1');
    const check = { observed_at: '2026-03-10T03:00:00Z', has_extinguisher: false };
    const first = await call(buildingChecks.POST, village, b1.id, check, 'check-1');
    expect([first.status, first.replayed]).toEqual([201, null]);
    const rows = await count('field_checks');
    const audits = await count('audit_log');
    const again = await call(buildingChecks.POST, village, b1.id, check, 'check-1');
    expect([again.status, again.replayed, again.text]).toEqual([201, 'true', first.text]);
    expect([await count('field_checks'), await count('audit_log')]).toEqual([rows, audits]);

    const other = await call(buildingChecks.POST, village, b1.id, { ...check, has_extinguisher: true }, 'check-1');
    expect([other.status, other.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(await count('field_checks')).toBe(rows);
    expect(await building('B1')).toMatchObject({ has_extinguisher: false });
  });

  it('stores one check for two parallel requests with one key', async () => {
    const o1 = await obstacle('O1');
    const rows = await count('field_checks');
    const keys = await count('idempotency_keys');
    const check = { observed_at: '2026-03-04T02:00:00Z', cleared: true };
    const [a, b] = await Promise.all([
      call(obstacleChecks.POST, village, o1.id, check, 'parallel-check'),
      call(obstacleChecks.POST, village, o1.id, check, 'parallel-check'),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.text).toBe(b.text);
    expect([a.replayed, b.replayed].sort()).toEqual([null, 'true'].sort());
    expect(await count('field_checks')).toBe(rows + 1);
    expect(await count('idempotency_keys')).toBe(keys + 1);
    // 02:00 UTC on 4 March is 10:00 the same day in China.
    expect(await obstacle('O1')).toMatchObject({ status: 'cleared', cleared_on: '2026-03-04' });
  });

  it("refuses a village officer another village's building as not found, and stores nothing", async () => {
    const b3 = await building('B3');
    const rows = await count('field_checks');
    const theirs = await call(buildingChecks.POST, village, b3.id, { observed_at: '2026-03-01T09:00:00Z', has_smoke_alarm: true });
    const none = await call(buildingChecks.POST, village, 2_147_483_647, { observed_at: '2026-03-01T09:00:00Z', has_smoke_alarm: true });
    expect([theirs.status, theirs.body.code, none.status]).toEqual([404, 'not_found', 404]);
    expect((await call(buildingChecks.GET, village, b3.id)).status).toBe(404);
    expect(await count('field_checks')).toBe(rows);
    expect(await building('B3')).toMatchObject({ has_smoke_alarm: false });
    // The inspector has both villages.
    const allowed = await call(buildingChecks.POST, inspector, b3.id, { observed_at: '2026-03-01T09:00:00Z', has_smoke_alarm: true });
    expect(allowed.status).toBe(201);
  });

  it('refuses an observation in the future or before 2024 with a Chinese message', async () => {
    const b1 = await building('B1');
    const rows = await count('field_checks');
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const future = await call(buildingChecks.POST, village, b1.id, { observed_at: inAnHour, has_smoke_alarm: true });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ field: 'observed_at', message: 'observed_at 不能晚于当前时间（手机时钟是否准确？）' }]);
    const early = await call(buildingChecks.POST, village, b1.id, { observed_at: '2023-12-31T15:59:59Z', has_smoke_alarm: true });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ field: 'observed_at', message: 'observed_at 不能早于 2024-01-01' }]);
    // A minute into 2024 in China (16:01 UTC the day before) is allowed; a phone a minute fast too.
    const firstDay = await call(buildingChecks.POST, village, b1.id, { observed_at: '2023-12-31T16:01:00Z', has_smoke_alarm: true });
    expect([firstDay.status, firstDay.body.applied]).toEqual([201, false]);
    const fast = await call(buildingChecks.POST, village, b1.id, {
      observed_at: new Date(Date.now() + 60_000).toISOString(),
      has_smoke_alarm: true,
    });
    expect(fast.status).toBe(201);
    expect(await count('field_checks')).toBe(rows + 2);
  });
});
