import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createApiToken } from '../../db/queries/api-tokens';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { ERROR_CODES } from '../../lib/api/error-table';
import { newApiToken } from '../../lib/auth/api-token';
import { hashSessionToken, SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { commitImport } from '../../lib/import/base/commit';
import { previewImport } from '../../lib/import/base/preview';
import { createFix } from '../../lib/planning/passage-fixes';
import { saveScenario } from '../../lib/planning/scenarios';
import { testEngines } from '../helpers/engines';
import { MINI_V1, MINI_V2, writeMiniTown } from '../town/mini-town';
import { ENDPOINTS, type Endpoint, type TownIds, waterSourceFile } from './every-route-endpoints';
import { encodeRequest, type HostileCase, hostileCases, type Sent } from './hostile-cases';

// The real route modules, over the test's database instead of the configured one.
const database = vi.hoisted(() => ({ handle: null as DatabaseHandle | null }));
vi.mock('../../db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/client')>()),
  getDatabase: async () => {
    if (!database.handle) throw new Error('no test database open');
    return database.handle;
  },
}));

type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/** Every route file of the API and the OGC service, as its URL pattern (`/api/v1/hazards/[id]`, `/ogc`). */
function routeFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') found.push(`/${path.relative(path.resolve('app'), dir).split(path.sep).join('/')}`);
    }
  };
  for (const top of ['api', 'ogc']) walk(path.resolve('app', top));
  return found.sort();
}

const modules = new Map<string, Record<string, unknown>>();
for (const pattern of routeFiles()) {
  const file = path.resolve(`app${pattern}/route.ts`);
  modules.set(pattern, await import(/* @vite-ignore */ file));
}

function handlerOf(endpoint: Endpoint): Handler {
  const handler = modules.get(endpoint.route)?.[endpoint.method];
  if (typeof handler !== 'function') throw new Error(`no ${endpoint.method} handler in ${endpoint.route}`);
  return handler as Handler;
}

/** The row count of every table: a refused request must leave all of them as they were. */
async function tableCounts(db: DatabaseHandle['db']): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('spatial_ref_sys') ORDER BY table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    counts[name] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db)).rows[0]?.n ?? -1;
  }
  return counts;
}

async function send(
  endpoint: Endpoint,
  sent: Sent,
  token: string,
  language?: 'en',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers = new Headers(sent.headers);
  headers.set('x-request-id', 'req-every-route');
  headers.set('cookie', `${SESSION_COOKIE}=${token}${language ? `; lang=${language}` : ''}`);
  const query = new URLSearchParams(sent.query).toString();
  const request = new Request(`http://app.test${endpoint.route}${query ? `?${query}` : ''}`, {
    method: endpoint.method,
    headers,
    body: sent.body ? sent.body.slice().buffer : null,
  });
  const response = await handlerOf(endpoint)(request, { params: Promise.resolve(sent.params) });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, body: type.includes('json') ? JSON.parse(text) : { text: text.slice(0, 200) } };
}

describe.each(testEngines)('every API route refuses hostile input on $name (mini town)', (engine) => {
  let handle: DatabaseHandle;
  let ids: TownIds;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    vi.stubEnv('PHOTO_STORAGE', 'database');
    handle = await engine.open();
    database.handle = handle;
    await seedIfEmpty(handle.db, writeMiniTown());
    await ensureDemoAccounts(handle.db);
    for (const username of ['admin', 'village']) {
      tokens[username] = (await signIn(handle.db, { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    }
    ids = await townIds(handle);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    database.handle = null;
    await handle?.close();
  });

  it('has hostile cases for every handler of every route file', () => {
    const handlers = [...modules].flatMap(([route, module]) =>
      METHODS.filter((m) => typeof module[m] === 'function').map((m) => `${m} ${route}`),
    );
    const covered = new Set(ENDPOINTS.map((e) => `${e.method} ${e.route}`));
    expect(handlers.filter((handler) => !covered.has(handler))).toEqual([]);
    expect([...covered].filter((endpoint) => !handlers.includes(endpoint))).toEqual([]);
  });

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.route}: every hostile request is a 4xx with a code and a Chinese message, and nothing is stored`, async () => {
      const before = await tableCounts(handle.db);
      const failures: string[] = [];
      const cases: HostileCase[] = await hostileCases(endpoint, endpoint.valid(ids));
      for (const extra of endpoint.extra?.(ids) ?? []) cases.push({ ...extra, sent: await encodeRequest(extra.request) });
      for (const [index, hostile] of cases.entries()) {
        const answer = await send(endpoint, hostile.sent, tokens.admin ?? '');
        const problem = judge(answer, hostile.expect) ?? wrongLanguage(answer.body, 'zh-CN');
        if (problem) failures.push(`${hostile.name}: ${problem}`);
        // Every fourth case again with the language switch on English: the same refusal, worded in English.
        if (index % 4 === 0 && !problem) {
          const english = await send(endpoint, hostile.sent, tokens.admin ?? '', 'en');
          const englishProblem = english.body.code !== answer.body.code ? 'another code in English' : wrongLanguage(english.body, 'en');
          if (englishProblem) failures.push(`${hostile.name} (en): ${englishProblem}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await tableCounts(handle.db)).toEqual(before);
      expect(cases.length).toBeGreaterThan(0);
    });
  }

  it('accepts the valid request each set of cases was made from (so the cases test what they say)', async () => {
    const refused: string[] = [];
    for (const endpoint of ENDPOINTS) {
      const valid = endpoint.valid(await townIds(handle));
      const token = endpoint.ownSession
        ? (await signIn(handle.db, { username: 'admin', password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token
        : (tokens.admin ?? '');
      const answer = await send(endpoint, await encodeRequest(valid), token);
      if (answer.status >= 400) refused.push(`${endpoint.method} ${endpoint.route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    expect(refused).toEqual([]);
  });

  describe('village scope through links', () => {
    const create = async (json: Record<string, unknown>) =>
      send({ route: '/api/v1/hazards', method: 'POST', valid: () => ({}) }, await encodeRequest({ json }), tokens.village ?? '');
    const hazard = { category: 'electrical', severity: 'general', description: '私拉乱接电线' };
    const otherVillage = [MINI_V2, '<img src=x onerror=alert(1)>'];

    it("answers a link to another village's building, unit or passage exactly as a link to none", async () => {
      const before = await tableCounts(handle.db);
      for (const [field, theirs] of [
        ['building_id', ids.buildings.B3],
        ['unit_id', ids.units.U1],
      ] as const) {
        const other = await create({ ...hazard, [field]: theirs });
        const none = await create({ ...hazard, [field]: 2_147_483_647 });
        expect(other.status).toBe(404);
        expect(none.status).toBe(404);
        expect(other.body).toEqual({ ...none.body, error: String(none.body.error).replace('2147483647', String(theirs)) });
        for (const secret of otherVillage) expect(JSON.stringify(other.body)).not.toContain(secret);
      }
      expect(await tableCounts(handle.db)).toEqual(before);
    });

    it("refuses a point in another village without naming it, and hides that village's records", async () => {
      const placed = await create({ ...hazard, location: { lon: 112.105, lat: 37.362 } });
      expect(placed.status).toBe(403);
      for (const secret of otherVillage) expect(JSON.stringify(placed.body)).not.toContain(secret);
      const feature = await send(
        { route: '/api/v1/features/[layer]/[id]', method: 'GET', valid: () => ({}) },
        { params: { layer: 'buildings', id: String(ids.buildings.B3) } },
        tokens.village ?? '',
      );
      const missing = await send(
        { route: '/api/v1/features/[layer]/[id]', method: 'GET', valid: () => ({}) },
        { params: { layer: 'buildings', id: '2147483647' } },
        tokens.village ?? '',
      );
      expect(feature.status).toBe(404);
      expect(missing.status).toBe(404);
    });

    it("never shows another village's record as a hazard's link", async () => {
      const own = await create({ ...hazard, location: { lon: 112.095, lat: 37.362 } });
      expect(own.status).toBe(201);
      const created = (own.body.hazard as { id: number }).id;
      await sql`UPDATE hazards SET building_id = ${ids.buildings.B3} WHERE id = ${created}`.execute(handle.db);
      const detail = await send(
        { route: '/api/v1/hazards/[id]', method: 'GET', valid: () => ({}) },
        { params: { id: String(created) } },
        tokens.village ?? '',
      );
      expect(detail.status).toBe(200);
      expect(detail.body.linked).toBeNull();
      for (const secret of [...otherVillage, '小卖部', 'B3']) expect(JSON.stringify(detail.body)).not.toContain(secret);
    });
  });
});

function judge(answer: { status: number; body: Record<string, unknown> }, expected: ReadonlyArray<number>): string | null {
  if (!expected.includes(answer.status)) return `status ${answer.status}, expected ${expected.join('/')}: ${JSON.stringify(answer.body)}`;
  if (!(ERROR_CODES as readonly unknown[]).includes(answer.body.code)) return `no known code: ${JSON.stringify(answer.body)}`;
  if (typeof answer.body.error !== 'string' || answer.body.error === '') return `no message: ${JSON.stringify(answer.body)}`;
  return null;
}

/** The messages of an error answer: the `error` and each listed problem's. */
function messagesOf(body: Record<string, unknown>): string[] {
  const listed = Array.isArray(body.errors) ? body.errors.map((e) => String((e as { message?: unknown }).message ?? '')) : [];
  return [String(body.error ?? ''), ...listed];
}

/**
 * Whether an answer's messages are in the language asked for. Quoted values (the user's own text, echoed) and
 * field names are left out: Chinese means some Han characters and no run of three English words; English means
 * a run of two English words.
 */
function wrongLanguage(body: Record<string, unknown>, language: 'zh-CN' | 'en'): string | null {
  for (const message of messagesOf(body)) {
    const wording = message.replace(/“[^”]*”|"[^"]*"|「[^」]*」/g, ' ');
    const ok =
      language === 'zh-CN'
        ? /\p{Script=Han}/u.test(wording) && !/\b[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\b/i.test(wording)
        : /\b[a-z]{2,}\s+[a-z]{2,}\b/i.test(wording);
    if (!ok) return `not worded in ${language}: ${message}`;
  }
  return null;
}

/** The ids of the mini town's records and of what the suite adds to work on (a photo, a fix, a scenario). */
async function townIds(handle: DatabaseHandle): Promise<TownIds> {
  const db = handle.db;
  const byCode = async (table: 'buildings' | 'passages' | 'obstacles' | 'social_units' | 'stations' | 'hazards') =>
    Object.fromEntries((await db.selectFrom(table).select(['code', 'id']).execute()).map((r) => [r.code, r.id]));
  const hazards = await byCode('hazards');
  const H2 = hazards.H2 ?? 0;
  const photo = await ensurePhoto(db, H2);
  const fix = await ensureFix(db, (await byCode('passages')).P1 ?? 0);
  const scenario = await ensureScenario(db);
  const token = await ensureToken(db);
  const imports = await ensureImports(db);
  const versions = async (table: 'hazards' | 'passage_fixes' | 'users' | 'buildings' | 'stations_all', id: number) =>
    (await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const village = await db.selectFrom('users').select('id').where('username', '=', 'village').executeTakeFirstOrThrow();
  // Retired by the valid DELETE: read from the stored table, so later requests still find its id.
  const stations = Object.fromEntries((await db.selectFrom('stations_all').select(['code', 'id']).execute()).map((r) => [r.code, r.id]));
  const buildings = await byCode('buildings');
  const planner = await db.selectFrom('users').select('id').where('username', '=', 'planner').executeTakeFirstOrThrow();
  return {
    villages: { V1: MINI_V1, V2: MINI_V2 },
    buildings,
    passages: await byCode('passages'),
    obstacles: await byCode('obstacles'),
    units: await byCode('social_units'),
    stations,
    hazards,
    photo,
    fix,
    scenario,
    token,
    imports,
    villageUser: village.id,
    plannerUser: planner.id,
    versions: {
      hazard: await versions('hazards', H2),
      fix: await versions('passage_fixes', fix),
      villageUser: await versions('users', village.id),
      building: await versions('buildings', buildings.B1 ?? 0),
      station: await versions('stations_all', stations.S1 ?? 0),
    },
  };
}

async function ensurePhoto(db: DatabaseHandle['db'], hazardId: number): Promise<number> {
  const found = await db.selectFrom('hazard_photos').select('id').where('hazard_id', '=', hazardId).executeTakeFirst();
  if (found) return found.id;
  const { addHazardPhoto } = await import('../../db/queries/hazard-photos');
  const { processPhoto } = await import('../../lib/photos/process-photo');
  const { DatabasePhotoStore } = await import('../../lib/photos/photo-store');
  const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a73' } })
    .jpeg()
    .toBuffer();
  const photo = await addHazardPhoto(
    db,
    { hazardId, kind: 'before', photo: await processPhoto(image), actor: { name: 'admin', role: 'admin' }, requestId: 'setup' },
    new DatabasePhotoStore(),
  );
  return photo.id;
}

async function ensureFix(db: DatabaseHandle['db'], passageId: number): Promise<number> {
  const found = await db.selectFrom('passage_fixes').select('id').orderBy('id').executeTakeFirst();
  if (found) return found.id;
  const request = { actor: { name: 'admin', role: 'admin' }, requestId: 'setup' };
  const fix = await createFix(db, { fix: { kind: 'widen', passage_id: passageId, width_m: 6 }, responsible: '王五', note: '' }, request);
  return fix.id;
}

async function ensureScenario(db: DatabaseHandle['db']): Promise<number> {
  const found = await db.selectFrom('scenarios').select('id').orderBy('id').executeTakeFirst();
  if (found) return found.id;
  const request = { actor: { name: 'admin', role: 'admin' }, requestId: 'setup' };
  const passage = await db.selectFrom('passages').select('id').where('code', '=', 'P1').executeTakeFirstOrThrow();
  const scenario = { name: '测试方案', fixes: [{ kind: 'widen' as const, passage_id: passage.id, width_m: 6 }], sites: [] };
  return (await saveScenario(db, scenario, request)).id;
}

/** A base-layer import batch to commit (a preview) and one to roll back (the newest applied one). */
async function ensureImports(db: DatabaseHandle['db']): Promise<{ preview: number; applied: number }> {
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const actor = {
    userId: admin.id,
    username: 'admin',
    displayName: 'admin',
    role: 'admin' as const,
    villages: null,
    sessionId: 'setup',
    mustChangePassword: false,
  };
  const newest = async (status: string) =>
    (await sql<{ id: number }>`SELECT id FROM import_batches WHERE status = ${status} ORDER BY id DESC LIMIT 1`.execute(db)).rows[0]?.id;
  const preview = () =>
    previewImport(db, { layer: 'water-sources', file: waterSourceFile(), crs: 'EPSG:4326', createdBy: admin.id }).then((b) => b.id);
  let applied = await newest('applied');
  if (applied === undefined) {
    applied = await preview();
    await commitImport(db, applied, { retireMissing: false, repairInvalid: false, confirmCrs: false }, { actor, requestId: 'setup' });
  }
  return { preview: (await newest('preview')) ?? (await preview()), applied };
}

async function ensureToken(db: DatabaseHandle['db']): Promise<number> {
  const found = await db.selectFrom('api_tokens').select('id').where('revoked_at', 'is', null).orderBy('id').executeTakeFirst();
  if (found) return found.id;
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const token = { userId: admin.id, name: 'QGIS', tokenHash: hashSessionToken(newApiToken()), days: 30 };
  return (await createApiToken(db, token, { name: 'admin', role: 'admin' }, 'setup')).id;
}
