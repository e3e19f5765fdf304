import { describe, expect, inject, it } from 'vitest';
import { GEODATA_FEATURE_COUNTS } from '../tests/helpers/geodata-counts';
import { appSession } from './app-session';

const servers = inject('servers');

describe.each(servers)('health and first page on $engine', ({ engine, url }) => {
  const session = appSession(url);

  it('reports the engine, a PostGIS version and the demo data counted from the geodata files', async () => {
    const { status, body } = await session().fetchJson('/api/health');
    expect(status).toBe(200);
    expect(body.engine).toBe(engine);
    expect(body.postgis).toMatch(/^3\.\d+\.\d+/);
    expect(body.demo_data).toBe(true);
    const expected = GEODATA_FEATURE_COUNTS();
    // Other specs record hazards and build passages (a completed new link) on the same server: those only grow.
    const growing = ['hazards', 'hazard_events', 'passages'];
    for (const [table, n] of Object.entries(expected)) {
      if (growing.includes(table)) expect(body.counts[table], table).toBeGreaterThanOrEqual(n);
      else expect(body.counts[table], table).toBe(n);
    }
  });

  it('serves the first page in Chinese with the 示例数据 mark', async () => {
    expect(await session().visit('/')).toBe(200);
    expect(await session().text('app-title')).toContain('刘胡兰镇');
    expect(await session().isVisible('demo-badge')).toBe(true);
  });
});
