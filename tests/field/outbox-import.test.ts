import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { type ArchivedItem, readOutboxArchive, writeOutboxArchive } from '../../lib/field/outbox-archive';
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
const { POST: photoRoute } = await import('../../app/api/v1/hazards/[id]/photos/route');
const { POST: importRoute } = await import('../../app/api/v1/outbox-imports/route');

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route as a browser would: the body as bytes with its length, the session cookie, the key if any. */
async function call(
  handler: Handler,
  token: string,
  body: BodyInit,
  options: { key?: string; params?: Record<string, string>; type?: string; path?: string } = {},
) {
  const headers = new Headers({ 'x-request-id': `req-${randomUUID()}`, cookie: `${SESSION_COOKIE}=${token}` });
  if (options.key) headers.set('Idempotency-Key', options.key);
  const encoded = new Response(body, options.type ? { headers: { 'Content-Type': options.type } } : undefined);
  headers.set('content-type', encoded.headers.get('content-type') ?? 'application/octet-stream');
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  headers.set('content-length', String(bytes.byteLength));
  const response = await handler(new Request(`http://app.test${options.path ?? '/api'}`, { method: 'POST', headers, body: bytes }), {
    params: Promise.resolve(options.params ?? {}),
  });
  return { status: response.status, body: await response.json(), requestId: headers.get('x-request-id')! };
}

const upload = (bytes: Uint8Array<ArrayBuffer>, name = 'outbox.zip') => {
  const form = new FormData();
  form.set('file', new File([bytes], name, { type: 'application/zip' }));
  return form;
};

const db = () => database.handle!.db;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function count(table: 'hazards' | 'hazard_photos' | 'hazard_events'): Promise<number> {
  return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db())).rows[0]!.n;
}

const newHazard = (description: string) => ({
  category: 'electrical',
  severity: 'general',
  description,
  found_on: '2026-03-01',
  location: { lon: 112.0955, lat: 37.3655 },
});

function archivedItem(fields: Partial<ArchivedItem> & Pick<ArchivedItem, 'kind'>): ArchivedItem {
  return { id: randomUUID(), hazardId: null, label: 'YH', body: null, photos: [], createdAt: Date.now(), rebase: 0, ...fields };
}

describe.each(testEngines)('importing a phone’s exported outbox on $name (mini town)', (engine) => {
  let office: string;
  let inspector: string;
  let inspectorId: number;
  beforeAll(async () => {
    vi.stubEnv('PHOTO_STORAGE', 'database');
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, writeMiniTown());
    await ensureDemoAccounts(database.handle.db);
    const session = async (username: string) =>
      (await signIn(database.handle!.db, { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    office = await session('office');
    inspector = await session('inspector');
    inspectorId = (await db().selectFrom('users').select('id').where('username', '=', 'inspector').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.handle?.close();
    database.handle = null;
  });

  it('writes what had not arrived, recognises what had, and writes nothing when imported again', async () => {
    const photo = new Uint8Array(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
        .jpeg()
        .toBuffer(),
    );
    // A hazard the phone will step twice without a signal: 待整改 v1 → 整改中 v2 → 待复查 v3.
    const stepped = (await call(createHazardRoute, inspector, JSON.stringify(newHazard('离线两步')), { type: 'application/json' })).body
      .hazard.id as number;
    const created = archivedItem({ kind: 'create', label: '离线新建', body: newHazard('离线新建') });
    const createdPhoto = {
      key: `${created.id}.p0`,
      kind: 'before' as const,
      sha256: sha256(photo),
      byteSize: photo.byteLength,
      width: 40,
      height: 30,
    };
    created.photos = [createdPhoto];
    const first = archivedItem({ kind: 'transition', hazardId: stepped, body: { to: 'in_progress', note: '', version: 1 } });
    const second = archivedItem({ kind: 'transition', hazardId: stepped, body: { to: 'awaiting_review', note: '已整改', version: 2 } });

    // The new hazard and its photo reached the server from the phone before the signal went.
    const sent = await call(createHazardRoute, inspector, JSON.stringify(created.body), {
      key: created.id,
      type: 'application/json',
      path: '/api/v1/hazards',
    });
    expect(sent.status).toBe(201);
    const form = new FormData();
    form.set('file', new File([photo], `${createdPhoto.key}.jpg`, { type: 'image/jpeg' }));
    form.set('kind', 'before');
    expect(
      (
        await call(photoRoute, inspector, form, {
          key: createdPhoto.key,
          params: { id: String(sent.body.hazard.id) },
          path: `/api/v1/hazards/${sent.body.hazard.id}/photos`,
        })
      ).status,
    ).toBe(201);

    const zip = writeOutboxArchive({
      author: { id: inspectorId, username: 'inspector' },
      exportedAt: '2026-03-02T08:00:00.000Z',
      items: [created, first, second],
      photos: new Map([[createdPhoto.key, photo]]),
    }) as Uint8Array<ArrayBuffer>;
    const before = { hazards: await count('hazards'), photos: await count('hazard_photos'), events: await count('hazard_events') };

    const imported = await call(importRoute, office, upload(zip));
    expect(imported.status).toBe(200);
    expect(imported.body.counts).toEqual({ written: 2, already: 1, conflict: 0, failed: 0, waiting: 0 });
    expect(imported.body.items.map((item: { outcome: string; hazard_id: number }) => [item.outcome, item.hazard_id])).toEqual([
      ['already', sent.body.hazard.id],
      ['written', stepped],
      ['written', stepped],
    ]);
    // Nothing twice: no new hazard or photo, the two steps once each.
    expect(await count('hazards')).toBe(before.hazards);
    expect(await count('hazard_photos')).toBe(before.photos);
    expect(await count('hazard_events')).toBe(before.events + 2);
    const row = await db().selectFrom('hazards').select(['status', 'version']).where('id', '=', stepped).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'awaiting_review', version: 3 });

    // The steps are the inspector's, under the import's request id; the import itself is the office's.
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor', 'table_name', 'action'])
      .where('request_id', '=', imported.requestId)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { actor: 'inspector', table_name: 'hazards', action: 'transition' },
      { actor: 'inspector', table_name: 'hazards', action: 'transition' },
      { actor: 'office', table_name: 'outbox_imports', action: 'import' },
    ]);

    const again = await call(importRoute, office, upload(zip));
    expect(again.body.counts).toEqual({ written: 0, already: 3, conflict: 0, failed: 0, waiting: 0 });
    expect(await count('hazards')).toBe(before.hazards);
    expect(await count('hazard_events')).toBe(before.events + 2);
  });

  it('replays a field check of a building from the archive once', async () => {
    const fieldChecks = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM field_checks`.execute(db())).rows[0]!.n;
    const b2 = await db().selectFrom('buildings').select('id').where('code', '=', 'B2').executeTakeFirstOrThrow();
    const check = archivedItem({
      kind: 'field-check',
      target: { kind: 'building', id: b2.id },
      label: 'B2',
      body: { observed_at: '2026-03-01T02:00:00Z', has_smoke_alarm: true, has_extinguisher: false, note: '离线核查' },
    });
    const zip = writeOutboxArchive({
      author: { id: inspectorId, username: 'inspector' },
      exportedAt: '2026-03-02T08:00:00.000Z',
      items: [check],
      photos: new Map(),
    }) as Uint8Array<ArrayBuffer>;
    const before = await fieldChecks();
    const imported = await call(importRoute, office, upload(zip));
    expect([imported.status, imported.body.counts]).toEqual([200, { written: 1, already: 0, conflict: 0, failed: 0, waiting: 0 }]);
    expect(await fieldChecks()).toBe(before + 1);
    const building = await db()
      .selectFrom('buildings')
      .select(['has_smoke_alarm', 'has_extinguisher'])
      .where('id', '=', b2.id)
      .executeTakeFirst();
    expect(building).toEqual({ has_smoke_alarm: true, has_extinguisher: false });
    const again = await call(importRoute, office, upload(zip));
    expect(again.body.counts).toEqual({ written: 0, already: 1, conflict: 0, failed: 0, waiting: 0 });
    expect(await fieldChecks()).toBe(before + 1);
  });

  it('leaves a newer change on the server alone: a conflict, and the later item on that hazard waits', async () => {
    const id = (await call(createHazardRoute, office, JSON.stringify(newHazard('服务器已改')), { type: 'application/json' })).body.hazard
      .id as number;
    // Someone else stepped it on the desktop meanwhile (v2).
    const desktop = await call(
      (await import('../../app/api/v1/hazards/[id]/transitions/route')).POST,
      office,
      JSON.stringify({ to: 'in_progress', version: 1 }),
      { type: 'application/json', params: { id: String(id) } },
    );
    expect(desktop.status).toBe(200);
    const mine = archivedItem({ kind: 'edit', hazardId: id, body: { version: 1, responsible_person: '王五' } });
    const later = archivedItem({ kind: 'transition', hazardId: id, body: { to: 'awaiting_review', note: '', version: 2 } });
    const zip = writeOutboxArchive({
      author: { id: inspectorId, username: 'inspector' },
      exportedAt: '2026-03-02T08:00:00.000Z',
      items: [mine, later],
      photos: new Map(),
    }) as Uint8Array<ArrayBuffer>;
    const imported = await call(importRoute, office, upload(zip));
    expect(imported.body.items.map((item: { outcome: string }) => item.outcome)).toEqual(['conflict', 'waiting']);
    const row = await db()
      .selectFrom('hazards')
      .select(['status', 'version', 'responsible_person'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'in_progress', version: 2 });
    expect(row.responsible_person).not.toBe('王五');
  });

  it('reads a zip written by the zip tool, and the tool reads what the phone writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-zip-'));
    const zip = writeOutboxArchive({
      author: { id: inspectorId, username: 'inspector' },
      exportedAt: '2026-03-02T08:00:00.000Z',
      items: [archivedItem({ kind: 'create', body: newHazard('工具检查') })],
      photos: new Map(),
    });
    writeFileSync(join(dir, 'phone.zip'), zip);
    expect(execFileSync('unzip', ['-t', join(dir, 'phone.zip')]).toString()).toContain('No errors detected');
    execFileSync('unzip', ['-q', join(dir, 'phone.zip'), '-d', join(dir, 'unpacked')]);
    execFileSync('zip', ['-q', '-r', join(dir, 'tool.zip'), 'outbox.json'], { cwd: join(dir, 'unpacked') });
    const read = readOutboxArchive(new Uint8Array(readFileSync(join(dir, 'tool.zip'))));
    expect(read.items.map((item) => item.body?.description)).toEqual(['工具检查']);
  });

  it('refuses a damaged or foreign archive with 400, an unknown user with 422, and anyone but the office with 403', async () => {
    const before = await count('hazards');
    const notZip = await call(importRoute, office, upload(new TextEncoder().encode('PK? 不是 zip') as Uint8Array<ArrayBuffer>));
    expect([notZip.status, notZip.body.code]).toEqual([400, 'invalid_outbox_archive']);
    expect(notZip.body.error).toMatch(/[\u4e00-\u9fff]/);

    const item = archivedItem({ kind: 'create', body: newHazard('缺照片') });
    item.photos = [{ key: `${item.id}.p0`, kind: 'before', sha256: 'a'.repeat(64), byteSize: 1, width: 1, height: 1 }];
    const missingPhoto = writeOutboxArchive({
      author: { id: inspectorId, username: 'inspector' },
      exportedAt: 'x',
      items: [item],
      photos: new Map(),
    }) as Uint8Array<ArrayBuffer>;
    expect((await call(importRoute, office, upload(missingPhoto))).body.code).toBe('invalid_outbox_archive');

    const stranger = writeOutboxArchive({
      author: { id: 999_999, username: 'nobody' },
      exportedAt: 'x',
      items: [archivedItem({ kind: 'create', body: newHazard('无此人') })],
      photos: new Map(),
    }) as Uint8Array<ArrayBuffer>;
    expect((await call(importRoute, office, upload(stranger))).status).toBe(422);
    expect((await call(importRoute, inspector, upload(stranger))).status).toBe(403);
    expect(await count('hazards')).toBe(before);
  });
});
