import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { invalidAreaReason, listHazards } from '../../db/queries/hazards';
import { seedIfEmpty } from '../../db/seed';
import { type HazardFilter, parseHazardFilter } from '../../lib/hazards/filter';
import { chinaToday } from '../../lib/time';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

// The mini town's hazards, by hand: H1 spacing, general, closed, found 2026-01-10, at (112.0951, 37.3651);
// H2 passage, major, pending, found 2026-03-01, deadline 2026-04-01 (overdue), at (112.096, 37.365).
const VILLAGES = new Set(['141121104201', '141121104202']);
const filterOf = (query: string): HazardFilter => parseHazardFilter(new URLSearchParams(query), VILLAGES);

describe.each(testEngines)('hazard list on $name (mini town)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
  });
  afterAll(() => handle?.close());

  const codes = async (query: string) => {
    const list = await listHazards(handle.db, filterOf(query), { limit: 50, offset: 0 }, chinaToday());
    return JSON.parse(list.collection).features.map((f: GeoJSON.Feature) => f.properties!.code);
  };

  it('lists newest first and filters by status, category, overdue, text and found dates', async () => {
    expect(await codes('')).toEqual(['H2', 'H1']);
    expect(await codes('status=pending')).toEqual(['H2']);
    expect(await codes('category=spacing')).toEqual(['H1']);
    expect(await codes('overdue=true')).toEqual(['H2']);
    expect(await codes('overdue=false')).toEqual(['H1']);
    expect(await codes('q=堵塞')).toEqual(['H2']);
    expect(await codes('q=%')).toEqual([]); // wildcards match literally
    expect(await codes('found_from=2026-02-01')).toEqual(['H2']);
    expect(await codes('severity=major,general&place_type=self_built')).toEqual(['H1']);
    expect(await codes('village=141121104202')).toEqual([]);
  });

  it('filters by a drawn polygon and by bbox', async () => {
    // A square of ±0.0002° around H1 only (H2 lies 0.0009° east of it).
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [112.0949, 37.3649],
          [112.0953, 37.3649],
          [112.0953, 37.3653],
          [112.0949, 37.3653],
          [112.0949, 37.3649],
        ],
      ],
    };
    expect(await codes(`within=${encodeURIComponent(JSON.stringify(square))}`)).toEqual(['H1']);
    expect(await codes('bbox=112.0955,37.3645,112.0965,37.3655')).toEqual(['H2']);
  });

  it('counts per status under every filter but the status filter', async () => {
    const list = await listHazards(handle.db, filterOf('status=pending'), { limit: 50, offset: 0 }, chinaToday());
    expect(list.total).toBe(1);
    expect(list.byStatus).toEqual({ pending: 1, closed: 1 });
  });

  it('names why a drawn area is invalid', async () => {
    const bowTie = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [112.09, 37.36],
          [112.1, 37.37],
          [112.1, 37.36],
          [112.09, 37.37],
          [112.09, 37.36],
        ],
      ],
    };
    expect(await invalidAreaReason(handle.db, bowTie)).toMatch(/Self-intersection/);
  });
});

describe('hazard filter parameters', () => {
  it('refuses unknown values with the allowed ones named', () => {
    expect(() => filterOf('category=fire')).toThrow(/unknown category "fire"; use one of passage, spacing/);
    expect(() => filterOf('status=done')).toThrow(/unknown status "done"/);
    expect(() => filterOf('overdue=yes')).toThrow(/overdue must be true or false/);
    expect(() => filterOf('found_from=2026-13-45')).toThrow(/found_from must be a real date/);
    expect(() => filterOf('within={"type":"Point","coordinates":[112,37]}')).toThrow(/within must be a GeoJSON Polygon/);
    expect(() => filterOf('village=141121104299')).toThrow(/unknown village code/);
  });
});
