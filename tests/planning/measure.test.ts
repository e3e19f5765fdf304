import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { stationCovered, truckFigures, waterCovered } from '../../lib/planning/measure';
import { loadCoverageSetting, loadScenarioBase } from '../../lib/planning/scenario-cache';
import { loadAnalysisFixtures } from '../analysis/fixtures';
import { analyse, problems } from '../analysis/helpers';
import { testEngines } from '../helpers/engines';

/**
 * The what-if figures are measured by lib/planning/measure.ts on an in-memory network. On the stored network
 * they must agree with the analyses themselves (a second, independent path: runAnalysis with its own queries),
 * on the analysis fixtures' lanes, water and clean villages.
 */
describe.each(testEngines)('what-if figures agree with the analyses on $name (analysis fixtures)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await loadAnalysisFixtures(handle.db);
  });
  afterAll(() => handle?.close());

  const flagged = async (name: Parameters<typeof analyse>[1], options = {}) =>
    new Set(
      problems(await analyse(handle.db, name, null, options))
        .map((f) => f.properties.building_id as number)
        .filter((id) => id !== undefined),
    );

  it('truck reachability and response time', async () => {
    const base = await loadScenarioBase(handle.db, { targetMin: 5, month: 1 });
    const figures = truckFigures(
      { graph: base.graph, buildings: base.buildings, limits: base.limits, sources: base.truckSources },
      5,
      base.deadEndM,
    );
    const all = base.buildings.map((b) => b.id);
    const unreachable = await flagged('reachability');
    expect(all.filter((id) => !figures.reachable.has(id)).sort()).toEqual([...unreachable].sort());
    const late = await flagged('response-time', { targetMin: 5 });
    expect(all.filter((id) => !figures.withinTarget.has(id)).sort()).toEqual([...late].sort());
  });

  it('water and micro-station coverage', async () => {
    const base = await loadScenarioBase(handle.db, { month: 1 });
    const coverage = await loadCoverageSetting(base);
    const all = base.buildings.map((b) => b.id);
    const water = waterCovered(base.graph, base.buildings, coverage.water, coverage.waterRadiusM);
    expect(all.filter((id) => !water.has(id)).sort()).toEqual([...(await flagged('water-coverage'))].sort());
    const stations = stationCovered(base.graph, base.buildings, coverage.stations, coverage.stationMinutes);
    expect(all.filter((id) => !stations.has(id)).sort()).toEqual([...(await flagged('station-coverage'))].sort());
    expect(stations.size).toBeGreaterThan(0);
  });
});
