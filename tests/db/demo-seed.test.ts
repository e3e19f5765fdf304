import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { tableCounts } from '../../db/queries/health';
import { seedIfEmpty } from '../../db/seed';
import { testEngines } from '../helpers/engines';
import { GEODATA_FEATURE_COUNTS } from '../helpers/geodata-counts';

const SPATIAL_TABLES = [
  'villages',
  'buildings',
  'social_units',
  'passages',
  'obstacles',
  'water_sources',
  'stations',
  'straw_stacks',
  'hazards',
  'fire_incidents',
];

describe.each(testEngines)('the demo town loaded on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, 'geodata');
  });
  afterAll(() => handle?.close());

  it('has every record of the geodata files, counted from the files themselves', async () => {
    const counts = await tableCounts(handle.db);
    for (const [table, n] of Object.entries(GEODATA_FEATURE_COUNTS())) expect(counts[table], table).toBe(n);
  });

  it('stores only valid, non-empty geometry in EPSG:4326 around 37.37°N 112.10°E', async () => {
    for (const table of SPATIAL_TABLES) {
      const result = await sql<{ invalid: number; outside: number }>`
        SELECT count(*) FILTER (WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom))::int AS invalid,
               count(*) FILTER (WHERE NOT ST_Intersects(geom, ST_MakeEnvelope(111.9, 37.2, 112.3, 37.55, 4326)))::int AS outside
        FROM ${sql.id(table)}`.execute(handle.db);
      expect(result.rows[0], table).toEqual({ invalid: 0, outside: 0 });
    }
  });

  it('is the town the issue asks for: 15–20 villages with 刘胡兰村, 8,000–12,000 buildings, open and overdue hazards', async () => {
    const result = await sql<{
      villages: number;
      liuhulan: number;
      buildings: number;
      open: number;
      overdue: number;
      closed: number;
      first_fire: number;
      last_fire: number;
    }>`
      SELECT (SELECT count(*)::int FROM villages) AS villages,
             (SELECT count(*)::int FROM villages WHERE name = '刘胡兰村') AS liuhulan,
             (SELECT count(*)::int FROM buildings) AS buildings,
             (SELECT count(*)::int FROM hazards WHERE status <> 'closed') AS open,
             (SELECT count(*)::int FROM hazards WHERE status <> 'closed' AND deadline < DATE '2026-11-30') AS overdue,
             (SELECT count(*)::int FROM hazards WHERE status = 'closed') AS closed,
             (SELECT min(extract(year FROM occurred_on))::int FROM fire_incidents) AS first_fire,
             (SELECT max(extract(year FROM occurred_on))::int FROM fire_incidents) AS last_fire`.execute(handle.db);
    const town = result.rows[0]!;
    expect(town.villages).toBeGreaterThanOrEqual(15);
    expect(town.villages).toBeLessThanOrEqual(20);
    expect(town.liuhulan).toBe(1);
    expect(town.buildings).toBeGreaterThanOrEqual(8000);
    expect(town.buildings).toBeLessThanOrEqual(12000);
    expect(town.open).toBeGreaterThan(0);
    expect(town.overdue).toBeGreaterThan(0);
    expect(town.closed).toBeGreaterThan(town.open);
    expect([town.first_fire, town.last_fire]).toEqual([2021, 2026]);
  });
});
