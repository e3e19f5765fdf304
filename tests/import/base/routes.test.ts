import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { seedIfEmpty } from '../../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../../db/seed/accounts';
import { SESSION_COOKIE } from '../../../lib/auth/session-token';
import { signIn } from '../../../lib/auth/sign-in';
import { MAX_BASE_IMPORT_BYTES } from '../../../lib/import/base/form';
import { testEngines } from '../../helpers/engines';
import { MINI_V1, writeMiniTown } from '../../town/mini-town';

// The real route modules, over the test's database.
const database = vi.hoisted(() => ({ handle: null as DatabaseHandle | null }));
vi.mock('../../../db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../db/client')>()),
  getDatabase: async () => {
    if (!database.handle) throw new Error('no test database open');
    return database.handle;
  },
}));
const imports = await import('../../../app/api/v1/imports/route');
const one = await import('../../../app/api/v1/imports/[id]/route');
const commit = await import('../../../app/api/v1/imports/[id]/commit/route');
const rollback = await import('../../../app/api/v1/imports/[id]/rollback/route');

const geojson = (features: unknown[]) => new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
const hydrant = (code: string, lon: number, lat: number) => ({
  type: 'Feature',
  properties: { 编号: code, 名称: `${code} 消火栓`, 所属村: MINI_V1, 类型: '室外消火栓', 状态: '可用', 可用月份: '1-12' },
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

describe.each(testEngines)('the import routes on $name', (engine) => {
  let handle: DatabaseHandle;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    handle = await engine.open();
    database.handle = handle;
    await seedIfEmpty(handle.db, writeMiniTown());
    await ensureDemoAccounts(handle.db);
    for (const username of ['office', 'inspector'])
      cookies[username] = (await signIn(handle.db, { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
  });
  afterAll(async () => {
    database.handle = null;
    await handle?.close();
  });

  const headers = (user = 'office') => ({ cookie: `${SESSION_COOKIE}=${cookies[user]}`, 'x-request-id': 'req-imports' });
  async function upload(bytes: Uint8Array, fields: Record<string, string>, user = 'office') {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set('file', new File([bytes.slice().buffer], '水源.geojson', { type: 'application/geo+json' }));
    // One encoding: each one draws its own boundary.
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type') ?? '';
    const body = new Uint8Array(await encoded.arrayBuffer());
    const request = new Request('http://app.test/api/v1/imports', {
      method: 'POST',
      headers: { ...headers(user), 'content-type': type, 'content-length': String(body.byteLength) },
      body,
    });
    return imports.POST(request);
  }
  const post = (handler: typeof commit.POST, id: number, json?: unknown) =>
    handler(
      new Request(`http://app.test/api/v1/imports/${id}/x`, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/json' },
        body: JSON.stringify(json ?? {}),
      }),
      { params: Promise.resolve({ id: String(id) }) },
    );

  it('previews, shows, commits, rolls back and lists a batch', async () => {
    const file = geojson([hydrant('W5', 112.0931, 37.3641), hydrant('W6', 112.0962, 37.3633)]);
    const created = await upload(file, { layer: 'water-sources', crs: 'EPSG:4326' });
    expect(created.status).toBe(201);
    const preview = await created.json();
    expect(preview).toMatchObject({
      status: 'preview',
      crs: 'EPSG:4326',
      crs_guess: null,
      key: 'code',
      mapping: { code: '编号', name: '名称', village_code: '所属村', kind: '类型', status: '状态', usable_months: '可用月份' },
      unmatched_values: {},
      summary: { new: 2, changed: 0, unchanged: 0, missing: 1, invalid: 0 },
      errors: [],
    });

    const shown = await one.GET(new Request(`http://app.test/api/v1/imports/${preview.id}`, { headers: headers() }), {
      params: Promise.resolve({ id: String(preview.id) }),
    });
    const batch = await shown.json();
    expect(batch.features.type).toBe('FeatureCollection');
    expect(batch.features.features.map((f: { properties: Record<string, unknown> }) => [f.properties.code, f.properties._match])).toEqual([
      ['W5', 'new'],
      ['W6', 'new'],
      ['W1', 'missing'],
    ]);
    expect(batch.features.features[0].geometry).toEqual({ type: 'Point', coordinates: [112.0931, 37.3641] });

    const applied = await post(commit.POST, preview.id, { retire_missing: false });
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ status: 'applied', summary: { inserted: 2, updated: 0, retired: 0 } });
    const kinds = await sql<{ code: string; kind: string }>`SELECT code, kind FROM water_sources ORDER BY code`.execute(handle.db);
    expect(kinds.rows).toEqual([
      { code: 'W1', kind: 'pond' },
      { code: 'W5', kind: 'hydrant' },
      { code: 'W6', kind: 'hydrant' },
    ]);
    const again = await post(commit.POST, preview.id);
    expect([again.status, (await again.json()).code]).toEqual([409, 'conflict']);

    const undone = await post(rollback.POST, preview.id);
    expect(undone.status).toBe(200);
    const left = await sql<{ code: string }>`SELECT code FROM water_sources ORDER BY code`.execute(handle.db);
    expect(left.rows).toEqual([{ code: 'W1' }]);

    const history = await imports.GET(new Request('http://app.test/api/v1/imports', { headers: headers() }));
    const listed = await history.json();
    expect(listed.batches[0]).toMatchObject({ id: preview.id, status: 'rolled_back', layer: 'water-sources', file_name: '水源.geojson' });
  });

  it('refuses a commit with errors as 422 with the report, inspectors with 403, and a too large upload with 413', async () => {
    const created = await upload(geojson([hydrant('W9', 113.5, 37.4)]), { layer: 'water-sources', crs: 'EPSG:4326' });
    const preview = await created.json();
    expect(preview.errors.map((item: { code: string }) => item.code)).toEqual(['outside_town']);
    const refused = await post(commit.POST, preview.id);
    const body = await refused.json();
    expect([refused.status, body.code, body.errors.length]).toEqual([422, 'import_rejected', 1]);
    expect((await upload(geojson([hydrant('W9', 112.09, 37.36)]), { layer: 'water-sources' }, 'inspector')).status).toBe(403);
    const large = new Request('http://app.test/api/v1/imports', {
      method: 'POST',
      headers: {
        ...headers(),
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(MAX_BASE_IMPORT_BYTES + 1024 * 1024),
      },
      body: 'x',
    });
    expect((await imports.POST(large)).status).toBe(413);
  });
});
