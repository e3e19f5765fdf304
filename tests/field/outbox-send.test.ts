import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { type SendDeps, sendItem } from '../../lib/field/outbox-send';
import type { OutboxItem } from '../../lib/field/outbox-types';
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
const hazardsRoute = await import('../../app/api/v1/hazards/route');
const hazardRoute = await import('../../app/api/v1/hazards/[id]/route');
const transitionRoute = await import('../../app/api/v1/hazards/[id]/transitions/route');
const photoRoute = await import('../../app/api/v1/hazards/[id]/photos/route');
const buildingChecksRoute = await import('../../app/api/v1/buildings/[id]/field-checks/route');
const obstacleChecksRoute = await import('../../app/api/v1/obstacles/[id]/field-checks/route');

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** The outbox's paths to the route handlers Next would call. */
function handlerFor(path: string, method: string): { handler: Handler; params: Record<string, string> } {
  const routes: [RegExp, Record<string, Handler | undefined>][] = [
    [/^\/api\/v1\/hazards$/, { POST: hazardsRoute.POST }],
    [/^\/api\/v1\/hazards\/(\d+)$/, { GET: hazardRoute.GET, PATCH: hazardRoute.PATCH }],
    [/^\/api\/v1\/hazards\/(\d+)\/transitions$/, { POST: transitionRoute.POST }],
    [/^\/api\/v1\/hazards\/(\d+)\/photos$/, { POST: photoRoute.POST }],
    [/^\/api\/v1\/buildings\/(\d+)\/field-checks$/, { POST: buildingChecksRoute.POST }],
    [/^\/api\/v1\/obstacles\/(\d+)\/field-checks$/, { POST: obstacleChecksRoute.POST }],
  ];
  for (const [pattern, handlers] of routes) {
    const match = pattern.exec(path);
    const handler = match && handlers[method];
    if (handler) return { handler, params: match[1] ? { id: match[1] } : {} };
  }
  throw new Error(`no route for ${method} ${path}`);
}

/**
 * A fetch over the real routes as the signed-in user. `loseAnswer` decides, per request, that the server does
 * the work but its answer never reaches the phone (the connection drops): the worst case for duplicates.
 */
function serverFetch(token: string, loseAnswer: (method: string, path: string) => boolean = () => false): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://app.test');
    const method = init.method ?? 'GET';
    const encoded = new Request(url, { ...init, method });
    const headers = new Headers(encoded.headers);
    headers.set('x-request-id', `req-${Math.random()}`);
    headers.set('cookie', `${SESSION_COOKIE}=${token}`);
    const bytes = method === 'GET' ? undefined : new Uint8Array(await encoded.arrayBuffer());
    if (bytes) headers.set('content-length', String(bytes.byteLength));
    const { handler, params } = handlerFor(url.pathname, method);
    const response = await handler(new Request(url, { method, headers, body: bytes }), { params: Promise.resolve(params) });
    if (loseAnswer(method, url.pathname)) throw new TypeError('Failed to fetch');
    return response;
  }) as typeof fetch;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function jpeg(seed: number): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: seed * 30, g: 90, b: 160 } } })
      .jpeg()
      .toBuffer(),
  );
}

function item(fields: Partial<OutboxItem> & Pick<OutboxItem, 'id' | 'kind'>): OutboxItem {
  return {
    hazardId: null,
    label: '',
    body: null,
    photos: [],
    state: 'pending',
    createdAt: Date.now(),
    attempts: 0,
    nextAttemptAt: 0,
    error: null,
    rebase: 0,
    mainDone: false,
    photoAcks: {},
    conflict: null,
    ...fields,
  };
}

const COUNTED = ['hazards', 'hazard_events', 'hazard_photos'] as const;

describe.each(testEngines)('outbox sending over the real routes on $name (mini town)', (engine) => {
  let token: string;
  const db = () => database.handle!.db;
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        COUNTED.map(
          async (table) =>
            [table, (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db())).rows[0]!.n] as const,
        ),
      ),
    );

  beforeAll(async () => {
    vi.stubEnv('PHOTO_STORAGE', 'database');
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, writeMiniTown());
    await ensureDemoAccounts(database.handle.db);
    token = (await signIn(database.handle.db, { username: 'office', password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.handle?.close();
    database.handle = null;
  });

  it('writes a new hazard and its photos once although every first answer is lost', async () => {
    const blobs = new Map<string, Blob>();
    const photos = [];
    for (const index of [0, 1]) {
      const bytes = await jpeg(index + 1);
      const key = `new-1.p${index}`;
      blobs.set(key, new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
      photos.push({ key, kind: 'before' as const, sha256: sha256(bytes), byteSize: bytes.byteLength, width: 64, height: 48 });
    }
    const outboxItem = item({
      id: 'new-1',
      kind: 'create',
      body: {
        category: 'electrical',
        severity: 'general',
        description: '离线新建',
        found_on: '2026-03-01',
        location: { lon: 112.0955, lat: 37.3655 },
      },
      photos,
    });
    const seen = new Set<string>();
    // Each request's first answer is lost after the server has done the work.
    const lossy = serverFetch(token, (method, path) => {
      const first = !seen.has(`${method} ${path}`);
      seen.add(`${method} ${path}`);
      return first;
    });
    const deps: SendDeps = { fetch: lossy, photo: async (key) => blobs.get(key), save: async () => {} };
    const before = await counts();

    const outcomes = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const outcome = await sendItem(outboxItem, deps);
      outcomes.push(outcome.kind);
      if (outcome.kind === 'synced') break;
    }
    // The create's answer lost, then the photos' (one path for both), then through.
    expect(outcomes).toEqual(['retry', 'retry', 'synced']);
    expect(await counts()).toEqual({
      hazards: before.hazards! + 1,
      hazard_events: before.hazard_events! + 1,
      hazard_photos: before.hazard_photos! + 2,
    });
    expect(outboxItem.photoAcks).toEqual(Object.fromEntries(photos.map((photo) => [photo.key, photo.sha256])));
    const stored = await db().selectFrom('hazard_photos').select('hazard_id').where('hazard_id', '=', outboxItem.hazardId!).execute();
    expect(stored).toHaveLength(2);
  });

  it('does not count a photo as sent when the bytes that arrived hash differently', async () => {
    const created = await sendItem(
      item({
        id: 'new-2',
        kind: 'create',
        body: {
          category: 'other',
          severity: 'general',
          description: '照片校验',
          found_on: '2026-03-01',
          location: { lon: 112.0955, lat: 37.3655 },
        },
      }),
      { fetch: serverFetch(token), photo: async () => undefined, save: async () => {} },
    );
    expect(created.kind).toBe('synced');
    const hazardId = (await db().selectFrom('hazards').select('id').where('description', '=', '照片校验').executeTakeFirstOrThrow()).id;
    const bytes = await jpeg(5);
    const photoItem = item({
      id: 'photo-2',
      kind: 'photos',
      hazardId,
      photos: [{ key: 'photo-2.p0', kind: 'after', sha256: sha256(await jpeg(6)), byteSize: bytes.byteLength, width: 64, height: 48 }],
    });
    const outcome = await sendItem(photoItem, {
      fetch: serverFetch(token),
      photo: async () => new Blob([bytes as BlobPart], { type: 'image/jpeg' }),
      save: async () => {},
    });
    expect(outcome.kind).toBe('failed');
    expect(photoItem.photoAcks).toEqual({});
  });

  it('answers a stale step with a conflict carrying the server state, and writes nothing', async () => {
    const hazard = await db()
      .selectFrom('hazards')
      .select(['id', 'version', 'status'])
      .where('description', '=', '照片校验')
      .executeTakeFirstOrThrow();
    const before = await counts();
    const outcome = await sendItem(
      item({ id: 'step-3', kind: 'transition', hazardId: hazard.id, body: { to: 'in_progress', note: '', version: hazard.version + 1 } }),
      { fetch: serverFetch(token), photo: async () => undefined, save: async () => {} },
    );
    expect(outcome.kind).toBe('conflict');
    if (outcome.kind !== 'conflict') return;
    expect(outcome.conflict.server).toMatchObject({
      id: hazard.id,
      version: hazard.version,
      status: hazard.status,
      description: '照片校验',
    });
    expect(await counts()).toEqual(before);
  });
  it('sends a field check to its building or obstacle once although the first answer is lost', async () => {
    const fieldChecks = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM field_checks`.execute(db())).rows[0]!.n;
    const b1 = await db().selectFrom('buildings').select('id').where('code', '=', 'B1').executeTakeFirstOrThrow();
    const o1 = await db().selectFrom('obstacles').select('id').where('code', '=', 'O1').executeTakeFirstOrThrow();
    const before = await fieldChecks();
    let lost = false;
    const lossy = serverFetch(token, () => {
      const lose = !lost;
      lost = true;
      return lose;
    });
    const deps: SendDeps = { fetch: lossy, photo: async () => undefined, save: async () => {} };
    const check = item({
      id: 'check-1',
      kind: 'field-check',
      target: { kind: 'building', id: b1.id },
      body: { observed_at: '2026-03-01T02:00:00Z', has_smoke_alarm: true, has_extinguisher: false },
    });
    expect((await sendItem(check, deps)).kind).toBe('retry');
    expect((await sendItem(check, deps)).kind).toBe('synced');
    const obstacleCheck = item({
      id: 'check-2',
      kind: 'field-check',
      target: { kind: 'obstacle', id: o1.id },
      body: { observed_at: '2026-03-01T17:30:00Z', cleared: true },
    });
    expect((await sendItem(obstacleCheck, deps)).kind).toBe('synced');
    expect(await fieldChecks()).toBe(before + 2);
    expect(
      await db().selectFrom('buildings').select(['has_smoke_alarm', 'has_extinguisher']).where('id', '=', b1.id).executeTakeFirst(),
    ).toEqual({
      has_smoke_alarm: true,
      has_extinguisher: false,
    });
    expect(
      await db()
        .selectFrom('obstacles')
        .select(['status', sql<string>`cleared_on::text`.as('cleared_on')])
        .where('id', '=', o1.id)
        .executeTakeFirst(),
    ).toEqual({ status: 'cleared', cleared_on: '2026-03-02' });
    // A field check stored without a target (it cannot be sent anywhere) waits for the user, sending nothing.
    const nowhere = await sendItem(
      item({ id: 'check-3', kind: 'field-check', body: { observed_at: '2026-03-01T02:00:00Z', cleared: true } }),
      deps,
    );
    expect(nowhere.kind).toBe('failed');
    expect(await fieldChecks()).toBe(before + 2);
  });
});
