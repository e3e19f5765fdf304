import { performance } from 'node:perf_hooks';
import { buildingGeometries } from '../../db/queries/analysis/geometry';
import { buildingsAlongLine, buildingsCrossed, distancesToTown, nearestPassagePoints } from '../../db/queries/planning-network';
import type { Db } from '../../db/schema';
import type { TravelSource } from '../analysis/travel';
import { UnprocessableError } from '../api/errors';
import { say } from '../i18n/say';
import type { Attachment } from '../network/attachments';
import type { Point } from '../network/graph';
import { existingPassage, openObstacle, turnaroundPassage } from './fix-targets';
import { type EvaluateInput, type FixSpec, type Site, SUGGESTION_STATION_SPEED_KMH } from './fixes';
import { difference, type Figures, figuresOf, type PassageFindingKey, stationCovered, truckFigures, waterCovered } from './measure';
import { edgeAt, edgeIndexOf } from './network-lookup';
import { snapNewLink } from './new-link';
import { loadCoverageSetting, loadScenarioBase, type ScenarioBase } from './scenario-cache';
import { type ResolvedFix, scenarioNetwork } from './scenario-network';

export interface ScenarioResult {
  parameters: { target_min: number; month: number; hose_m: number; water_radius_m?: number; station_min?: number };
  before: Figures;
  after: Figures;
  /** Buildings a truck reaches only with the fixes (footprints). */
  newly_reachable: GeoJSON.FeatureCollection;
  newly_within_target: number[];
  newly_water_covered: number[];
  newly_station_covered: number[];
  /** Passage findings (and blocked segments) the fixes remove, and any they add (e.g. a new narrow link). */
  resolved_findings: PassageFindingKey[];
  new_findings: PassageFindingKey[];
  /** New links as joined to the network (ends moved onto passage ends). */
  new_links: GeoJSON.FeatureCollection;
  sites: { kind: Site['kind']; lon: number; lat: number; passage_id: number; snap_m: number }[];
  elapsed_ms: number;
}

/** A fix checked against the stored data, with the village it lies in (its passage's, or a new link's midpoint's). */
export type LocatedFix = ResolvedFix & { villageCode: string | null };

/** Checks each fix against the stored data and turns it into what the in-memory network needs. */
export async function resolveFixes(base: ScenarioBase, fixes: readonly FixSpec[]): Promise<LocatedFix[]> {
  const { db } = base;
  const resolved: LocatedFix[] = [];
  let linkNumber = 0;
  for (const fix of fixes) {
    if (fix.kind === 'clear_obstacle') {
      const obstacle = await openObstacle(db, fix.obstacle_id);
      resolved.push({
        kind: 'clear_obstacle',
        obstacleId: obstacle.id,
        passageId: obstacle.passage_id,
        villageCode: obstacle.village_code,
      });
    } else if (fix.kind === 'widen') {
      const passage = await existingPassage(db, fix.passage_id);
      resolved.push({ kind: 'widen', passageId: passage.id, widthM: fix.width_m, villageCode: passage.village_code });
    } else if (fix.kind === 'turnaround') {
      const passage = await turnaroundPassage(db, fix);
      resolved.push({ kind: 'turnaround', passageId: passage.id, villageCode: passage.village_code });
    } else {
      linkNumber++;
      const link = await snapNewLink(db, fix.geometry);
      resolved.push({
        kind: 'new_link',
        villageCode: link.villageCode,
        link: {
          id: -linkNumber,
          code: `NEW-${linkNumber}`,
          start: link.start,
          end: link.end,
          lengthM: link.lengthM,
          widthM: fix.width_m,
          linkClass: fix.class,
          geometry: link.geometry,
          attachments: await buildingsAlongLine(db, link.geometry, base.hoseM),
          crossesBuildingIds: await buildingsCrossed(db, link.geometry),
        },
      });
    }
  }
  return resolved;
}

/** Where candidate sites meet the network: the nearest point of the nearest stored passage, as attachments. */
/** A candidate site may lie just beyond the last village's boundary, not in another town. */
export const SITE_TOWN_MARGIN_M = 200;

async function siteAttachments(base: ScenarioBase, sites: readonly Site[]): Promise<Attachment[]> {
  const positions = sites.map((s): Point => [s.lon, s.lat]);
  const distances = await distancesToTown(base.db, positions);
  const outside = distances.flatMap((distance, i) => (distance > SITE_TOWN_MARGIN_M ? [i] : []));
  if (outside.length > 0) {
    const list = outside.map((i) => `sites.${i} (${positions[i]?.join(', ')})`).join(', ');
    throw new UnprocessableError(
      say(
        `${list}：超出本镇各村范围 ${SITE_TOWN_MARGIN_M} 米以上`,
        `${list}: more than ${SITE_TOWN_MARGIN_M} m outside the town's villages`,
      ),
      { sites: outside },
    );
  }
  const points = await nearestPassagePoints(base.db, positions);
  return points.map((p) => ({ edge: edgeIndexOf(base.graph, p.passageId), legM: p.legM, fraction: p.fraction }));
}

const byId = (a: number, b: number) => a - b;
const rounded = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * What-if: the fixes and candidate sites applied to the network in memory, and the same figures measured
 * on the stored network and on the scenario (truck reachability, response time, passage findings, and
 * water / micro-station coverage when sites are given). Reads only; nothing is written.
 */
export async function evaluateScenario(db: Db, input: EvaluateInput): Promise<ScenarioResult> {
  return (await measureScenario(db, input)).result;
}

/** evaluateScenario, with the fixes as resolved (their villages are what a saved scenario is filed under). */
export async function measureScenario(db: Db, input: EvaluateInput): Promise<{ result: ScenarioResult; fixes: LocatedFix[] }> {
  const started = performance.now();
  const base = await loadScenarioBase(db, { targetMin: input.target_min, month: input.month });
  const fixes = await resolveFixes(base, input.fixes);
  const scenario = scenarioNetwork(base.edges, base.buildings, fixes);
  const truck = { limits: base.limits, sources: base.truckSources };
  const before = truckFigures({ ...truck, graph: base.graph, buildings: base.buildings }, base.targetMin, base.deadEndM);
  const after = truckFigures({ ...truck, graph: scenario.graph, buildings: scenario.buildings }, base.targetMin, base.deadEndM);
  const figuresBefore = figuresOf(before, base.buildings.length);
  const figuresAfter = figuresOf(after, base.buildings.length);

  let newlyWater: number[] = [];
  let newlyStation: number[] = [];
  const parameters: ScenarioResult['parameters'] = { target_min: base.targetMin, month: base.month, hose_m: base.hoseM };
  const placed = (await siteAttachments(base, input.sites)).map((at, i) => ({ at, site: input.sites[i] }));
  if (placed.length > 0) {
    const coverage = await loadCoverageSetting(base);
    const waterSites = placed.filter(({ site }) => site?.kind === 'water').map(({ at }) => at);
    const stationSites: TravelSource[] = placed.flatMap(({ at, site }, i) =>
      site?.kind === 'station' ? [{ id: -(i + 1), at, speedKmh: site.speed_kmh ?? SUGGESTION_STATION_SPEED_KMH }] : [],
    );
    const waterBefore = waterCovered(base.graph, base.buildings, coverage.water, coverage.waterRadiusM);
    const waterAfter = waterCovered(scenario.graph, scenario.buildings, [...coverage.water, ...waterSites], coverage.waterRadiusM);
    const stationBefore = stationCovered(base.graph, base.buildings, coverage.stations, coverage.stationMinutes);
    const stationAfter = stationCovered(
      scenario.graph,
      scenario.buildings,
      [...coverage.stations, ...stationSites],
      coverage.stationMinutes,
    );
    figuresBefore.water_covered = waterBefore.size;
    figuresAfter.water_covered = waterAfter.size;
    figuresBefore.station_covered = stationBefore.size;
    figuresAfter.station_covered = stationAfter.size;
    newlyWater = difference(waterAfter, waterBefore);
    newlyStation = difference(stationAfter, stationBefore);
    parameters.water_radius_m = coverage.waterRadiusM;
    parameters.station_min = coverage.stationMinutes;
  }

  const newlyReachable = difference(after.reachable, before.reachable).sort(byId);
  const shapes = await buildingGeometries(db, newlyReachable);
  const findingsOnlyIn = (from: Map<string, PassageFindingKey>, other: Map<string, PassageFindingKey>) =>
    [...from.values()].filter((finding) => !other.has(finding.key));
  const result: ScenarioResult = {
    parameters,
    before: figuresBefore,
    after: figuresAfter,
    newly_reachable: {
      type: 'FeatureCollection',
      features: newlyReachable.flatMap((id) => {
        const shape = shapes.get(id);
        return shape
          ? [{ type: 'Feature' as const, id, geometry: JSON.parse(shape) as GeoJSON.Geometry, properties: { building_id: id } }]
          : [];
      }),
    },
    newly_within_target: difference(after.withinTarget, before.withinTarget).sort(byId),
    newly_water_covered: newlyWater.sort(byId),
    newly_station_covered: newlyStation.sort(byId),
    resolved_findings: findingsOnlyIn(before.findings, after.findings),
    new_findings: findingsOnlyIn(after.findings, before.findings),
    new_links: {
      type: 'FeatureCollection',
      features: fixes.flatMap((fix) =>
        fix.kind === 'new_link'
          ? [
              {
                type: 'Feature' as const,
                geometry: fix.link.geometry,
                properties: {
                  code: fix.link.code,
                  length_m: rounded(fix.link.lengthM, 2),
                  width_m: fix.link.widthM,
                  crosses_building_ids: fix.link.crossesBuildingIds ?? [],
                },
              },
            ]
          : [],
      ),
    },
    sites: placed.flatMap(({ at, site }) =>
      site
        ? [{ kind: site.kind, lon: site.lon, lat: site.lat, passage_id: edgeAt(base.graph, at.edge).id, snap_m: rounded(at.legM, 2) }]
        : [],
    ),
    elapsed_ms: Math.round(performance.now() - started),
  };
  return { result, fixes };
}
