import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import {
  closureTrend,
  hazardsByCategory,
  hazardsByVillage,
  incidentComparison,
  passageProgress,
  peopleProgress,
  periodFigures,
} from '../../db/queries/stats';
import { seedIfEmpty } from '../../db/seed';
import { runAnalysis } from '../../lib/analysis/run';
import { clearCoverageCache, coverageFigures } from '../../lib/screen/coverage';
import { screenStats } from '../../lib/screen/screen-stats';
import { testEngines } from '../helpers/engines';
import { TODAY, V1, V2, writeStatsTown } from './stats-town';

// Every expected value below is counted by hand from the records listed in stats-town.ts.
describe.each(testEngines)('screen and report figures on $name (stats town)', (engine) => {
  let handle: DatabaseHandle;
  const town = { villages: [] as string[], today: TODAY };
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeStatsTown());
  });
  afterAll(() => handle?.close());

  it('counts the hazard KPIs of the town and of each village as of today', async () => {
    const stats = await screenStats(handle.db, town);
    // open: H2, H4 (major), H6; overdue: H2 (H6 is due today, not overdue); closed in November: H5; found 6, closed 3.
    expect(stats.kpis).toEqual({ open: 3, openMajor: 2, overdue: 1, rectifiedThisMonth: 1, foundThisMonth: 1, closureRate: 0.5 });
    const v2 = await screenStats(handle.db, { villages: [V2], today: TODAY });
    // V2: H3 closed 2026-02-10, H4 open major not overdue, H6 open (found in October).
    expect(v2.kpis).toEqual({ open: 2, openMajor: 1, overdue: 0, rectifiedThisMonth: 0, foundThisMonth: 0, closureRate: 1 / 3 });
  });

  it('follows the closure rate month by month since the campaign began', async () => {
    const trend = await closureTrend(handle.db, { ...town, fromMonth: '2024-01' });
    expect(trend).toHaveLength(35); // 2024-01 … 2026-11
    const at = (month: string) => trend.find((p) => p.month === month)!;
    expect(at('2025-10')).toEqual({ month: '2025-10', found: 0, closed: 0, open: 0, closureRate: null });
    expect(at('2025-11')).toMatchObject({ found: 1, closed: 0, closureRate: 0 }); // H3
    expect(at('2026-02')).toMatchObject({ found: 3, closed: 1, open: 2 }); // H3, H1, H4; H3 closed
    expect(at('2026-03')).toMatchObject({ found: 4, closed: 2, closureRate: 0.5 }); // + H2; + H1 closed
    expect(at('2026-10')).toMatchObject({ found: 5, closed: 2, open: 3 }); // + H6 on 10-31
    expect(at('2026-11')).toMatchObject({ found: 6, closed: 3, open: 3, closureRate: 0.5 });
  });

  it('ranks the villages and splits hazards by category', async () => {
    expect(await hazardsByVillage(handle.db, town)).toEqual([
      { code: V2, name: '<img src=x onerror=alert(1)>', open: 2, openMajor: 1, overdue: 0, found: 3, closed: 1, closureRate: 1 / 3 },
      { code: V1, name: '刘胡兰村', open: 1, openMajor: 1, overdue: 1, found: 3, closed: 2, closureRate: 2 / 3 },
    ]);
    expect(await hazardsByCategory(handle.db, town)).toEqual([
      { category: 'exits', open: 1, overdue: 0, foundThisYear: 1 },
      { category: 'other', open: 1, overdue: 0, foundThisYear: 1 },
      { category: 'passage', open: 1, overdue: 1, foundThisYear: 1 },
      { category: 'fire_use', open: 0, overdue: 0, foundThisYear: 1 },
      { category: 'spacing', open: 0, overdue: 0, foundThisYear: 1 },
      { category: 'electrical', open: 0, overdue: 0, foundThisYear: 0 },
    ]);
  });

  it('measures obstacles cleared against the passage milestones', async () => {
    const progress = await passageProgress(handle.db, town);
    expect(progress.openObstacles).toBe(1); // O1
    expect(
      progress.milestones.map(({ id, asOf, reached, found, cleared, passageFixes }) => ({
        id,
        asOf,
        reached,
        found,
        cleared,
        passageFixes,
      })),
    ).toEqual([
      { id: 'end_2024', asOf: '2024-12-31', reached: true, found: 2, cleared: 1, passageFixes: 0 }, // O2, O3; O2
      { id: 'end_2025', asOf: '2025-12-31', reached: true, found: 3, cleared: 2, passageFixes: 0 }, // + O4; + O3
      { id: 'end_2026', asOf: TODAY, reached: false, found: 4, cleared: 3, passageFixes: 0 }, // + O1; + O4
    ]);
    const v2 = await passageProgress(handle.db, { villages: [V2], today: TODAY });
    expect(v2.milestones.map((m) => m.found)).toEqual([0, 0, 0]); // both passages are V1's
  });

  it('counts 明白人 against the yearly targets and drills this year', async () => {
    const people = await peopleProgress(handle.db, town);
    expect(people.training.map(({ id, units, unitsMet }) => ({ id, units, unitsMet }))).toEqual([
      { id: 'key_units_2024', units: 1, unitsMet: 1 }, // U2 trained 2024-03-01
      { id: 'crowded_2025', units: 1, unitsMet: 0 }, // U3 trained only 2026-01-15
      { id: 'all_units_2026', units: 3, unitsMet: 3 }, // U1, U2, U3
    ]);
    expect(people.trainedThisYear).toBe(3); // 2026-06-01, 2026-01-15, 2026-11-20
    // Drill-target units: U2 (key unit) with 3 drills in 2026; drills in 2026: U1 1 + U2 3 + U3 2.
    expect(people.drills).toEqual({ year: 2026, targetUnits: 1, targetUnitsMet: 1, share: 1, unitsWithThree: 1, drillsThisYear: 6 });
  });

  it('compares fires and deaths with last year by month', async () => {
    const incidents = await incidentComparison(handle.db, town);
    // 2026: F2 (Feb, 1 death), F4 (Nov); 2025: F1 (Feb), F3 (Nov 20, before Nov 30).
    expect(incidents.totals).toEqual({ fires: 2, deaths: 1, firesLastYear: 2, deathsLastYear: 0, firesLastYearToDate: 2 });
    expect(incidents.months[1]).toEqual({ month: 2, fires: 1, deaths: 1, firesLastYear: 1, deathsLastYear: 0 });
    expect(incidents.months[10]).toEqual({ month: 11, fires: 1, deaths: 0, firesLastYear: 1, deathsLastYear: 0 });
    expect(incidents.months.filter((m) => m.fires + m.firesLastYear > 0).map((m) => m.month)).toEqual([2, 11]);
  });

  it('gives the period figures of a village month (the monthly report)', async () => {
    expect(await periodFigures(handle.db, { villages: [V1], from: '2026-11-01', to: '2026-11-30', today: TODAY })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      asOf: '2026-11-30',
      hazardsFound: 1,
      majorFound: 0,
      hazardsRectified: 1, // H5
      openAtEnd: 1,
      openMajorAtEnd: 1,
      overdueAtEnd: 1, // H2
      obstaclesFound: 0,
      obstaclesCleared: 1,
      obstaclesOpenAtEnd: 1,
      passageFixes: 0, // O4 cleared; O1 open
      drills: 1,
      drillParticipants: 12,
      trainings: 1, // U3 2026-11-05; 丙 2026-11-20
      incidents: 0,
      deaths: 0,
      injuries: 0,
      lossYuan: 0, // F4 is V2's
    });
    expect(await periodFigures(handle.db, { villages: [V1], from: '2026-02-01', to: '2026-02-28', today: TODAY })).toMatchObject({
      hazardsFound: 0,
      hazardsRectified: 0,
      openAtEnd: 1,
      openMajorAtEnd: 0,
      overdueAtEnd: 0, // H1: found 01-10, closed 03-20, deadline 04-10
      obstaclesOpenAtEnd: 1, // O4 (O1 comes in March)
      drills: 1,
      drillParticipants: 30,
      trainings: 0,
      incidents: 1,
      deaths: 1,
      injuries: 2,
      lossYuan: 5000,
    });
    // A period that ends after today is counted to today.
    const year = await periodFigures(handle.db, { villages: [], from: '2026-01-01', to: '2026-12-31', today: TODAY });
    expect(year).toMatchObject({ asOf: TODAY, hazardsFound: 5, hazardsRectified: 3, incidents: 2, drills: 6, trainings: 3 });
    // H6 was found on October's last day: found in October and open at its end.
    expect(await periodFigures(handle.db, { villages: [V2], from: '2026-10-01', to: '2026-10-31', today: TODAY })).toMatchObject({
      hazardsFound: 1,
      openAtEnd: 2,
      openMajorAtEnd: 1,
      overdueAtEnd: 0,
    });
  });

  it('takes coverage from one cached town run, equal to a run for the village alone', async () => {
    clearCoverageCache(handle.db);
    const coverage = await coverageFigures(handle.db, town);
    // By hand: B1, B2 are > 60 m (hose distance) from every passage and > 150 m from the pond W1; B3 (V2) has no
    // passage at all; there is no brigade. Nothing is covered.
    expect(coverage.water).toEqual({ buildings: 3, covered: 0, share: 0 });
    expect(coverage.station).toEqual({ buildings: 3, covered: 0, share: 0 });
    expect(coverage.brigade).toMatchObject({ buildings: 3, covered: 0, share: 0 });
    const again = await coverageFigures(handle.db, { villages: [V1], today: TODAY });
    expect(again.computedAt).toBe(coverage.computedAt); // served from the cache
    expect(again.water.buildings).toBe(2);
    const alone = await runAnalysis(handle.db, 'station-coverage', { villages: [V1], ruleset: 'GB50039', month: 11 });
    expect(again.station.buildings).toBe(alone.summary.buildings);
    expect(again.station.buildings - again.station.covered).toBe(alone.summary.uncovered);
  });

  // Last in this block: it adds passage fixes, which the tests above count as none.
  it('counts passage fixes completed by each milestone and in a month, in the village of the passage they change', async () => {
    const id = async (table: 'obstacles' | 'passages', code: string) =>
      (await handle.db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const o4 = await id('obstacles', 'O4');
    const p1 = await id('passages', 'P1');
    await handle.db
      .insertInto('passage_fixes')
      .values([
        { kind: 'clear_obstacle', obstacle_id: o4, status: 'done', completed_on: '2026-11-10', created_by: 'test' },
        { kind: 'widen', passage_id: p1, target_width_m: 4.5, status: 'accepted', completed_on: '2025-05-01', created_by: 'test' },
        { kind: 'widen', passage_id: p1, target_width_m: 5, status: 'plan', created_by: 'test' },
      ])
      .execute();
    // Both completed fixes are on V1's passages (O4 on P2, P1): by end 2024 none, by end 2025 one, by today two.
    const progress = await passageProgress(handle.db, town);
    expect(progress.milestones.map((m) => m.passageFixes)).toEqual([0, 1, 2]);
    const month = (villages: string[]) => periodFigures(handle.db, { villages, from: '2026-11-01', to: '2026-11-30', today: TODAY });
    expect((await month([V1])).passageFixes).toBe(1);
    expect((await month([V2])).passageFixes).toBe(0);
  });
});
