import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { BuildingAccess } from '../../lib/analysis/access';
import { findDeadEnds } from '../../lib/analysis/dead-ends';
import { analyseReachability } from '../../lib/analysis/reachability';
import type { TravelSource } from '../../lib/analysis/travel';
import { BadRequestError, NotFoundError } from '../../lib/api/errors';
import type { Attachment } from '../../lib/network/attachments';
import type { Graph, PassageEdgeInput, Point } from '../../lib/network/graph';
import type { TruckLimits } from '../../lib/network/truck';
import { FixStepError } from '../../lib/planning/errors';
import {
  type EvaluateInput,
  type FixSpec,
  MILESTONES,
  type MilestoneId,
  type Site,
  SUGGESTION_STATION_SPEED_KMH,
} from '../../lib/planning/fixes';
import {
  difference,
  type PassageFindingKey,
  stationCovered,
  type TruckFigures,
  truckFigures,
  waterCovered,
} from '../../lib/planning/measure';
import { type NewLink, type ResolvedFix, scenarioNetwork } from '../../lib/planning/scenario-network';
import { RuleBook, stringListParam } from '../../lib/rules/rulebook';
import { chinaMonth } from '../../lib/time';
import type { Db } from '../schema';
import { buildingGeometries } from './analysis/geometry';
import { loadSourceAttachments, loadStations, usableWaterSourceIds } from './analysis/network';
import { loadRules } from './analysis/rules';
import { loadTruckSetting } from './analysis/truck';
import { createFixIn, type FixRow, obstacleRow, type PlanningActor, passageNear, passageRow, snapNewLink } from './passage-fixes';

/**
 * The stored network and what the figures need, loaded once with the analyses' own loaders
 * (loadTruckSetting: passages as graph edges, buildings with their passages within hose distance,
 * brigade and county station on the truck network). Nothing is written.
 */
export interface ScenarioBase {
  db: Db;
  book: RuleBook;
  limits: TruckLimits;
  hoseM: number;
  targetMin: number;
  deadEndM: number;
  month: number;
  graph: Graph;
  edges: PassageEdgeInput[];
  buildings: BuildingAccess[];
  truckSources: TravelSource[];
}

/**
 * A fingerprint of the data the network figures rest on: row counts and the sum of row versions (xmin) of
 * every table read. Any insert, update or delete changes it, on both engines, for a few table scans.
 */
async function dataFingerprint(db: Db): Promise<string> {
  const tables = ['passages', 'obstacles', 'buildings', 'stations', 'water_sources', 'rules'];
  const parts = sql.join(
    tables.map((table) => sql`(SELECT count(*)::text || '/' || coalesce(sum(xmin::text::bigint), 0)::text FROM ${sql.table(table)})`),
    sql` || ':' || `,
  );
  const result = await sql<{ key: string }>`SELECT ${parts} AS key`.execute(db);
  return result.rows[0]!.key;
}

interface CachedBase {
  key: string;
  loaded: Promise<Omit<ScenarioBase, 'targetMin' | 'month'>>;
  coverage: Map<number, Promise<CoverageSetting>>;
}
// What-if answers are asked for one after another while a planner edits: the stored network is loaded once
// and reused until the data changes (fingerprint), so each evaluation only does the in-memory work.
const baseCache = new WeakMap<object, CachedBase>();

async function cachedBase(db: Db): Promise<CachedBase> {
  const key = await dataFingerprint(db);
  const hit = baseCache.get(db);
  if (hit && hit.key === key) return hit;
  const loaded = (async () => {
    const book = new RuleBook(await loadRules(db));
    const setting = await loadTruckSetting({ db, book, options: { villages: [], ruleset: 'GB50039', month: 1 } });
    return {
      db,
      book,
      limits: setting.limits,
      hoseM: setting.hoseM,
      deadEndM: book.one('dead_end_length').threshold,
      graph: setting.graph,
      edges: setting.graph.edges.map(({ index: _i, a: _a, b: _b, ...edge }) => edge),
      buildings: setting.buildings,
      truckSources: setting.sources.map((s) => ({ id: s.station.id, at: s.at, speedKmh: s.station.speedKmh })),
    };
  })();
  const entry: CachedBase = { key, loaded, coverage: new Map() };
  baseCache.set(db, entry);
  loaded.catch(() => baseCache.get(db) === entry && baseCache.delete(db));
  return entry;
}

export async function loadScenarioBase(db: Db, options: { targetMin?: number; month?: number } = {}): Promise<ScenarioBase> {
  const base = await (await cachedBase(db)).loaded;
  return {
    ...base,
    db,
    month: options.month ?? chinaMonth(),
    targetMin: options.targetMin ?? base.book.one('response_time').threshold,
  };
}

/** Buildings within the hose radius of a new link, with where along it (fraction of its EPSG:4546 length). */
async function linkAttachments(db: Db, line: GeoJSON.LineString, radiusM: number): Promise<NewLink['attachments']> {
  const result = await sql<{ id: number; leg: number; fraction: number }>`
    SELECT b.id, ST_Distance(l.m, b.geom_metric) AS leg, ST_LineLocatePoint(l.m, ST_ClosestPoint(l.m, b.geom_metric)) AS fraction
    FROM (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(line)}), 4326), 4546) AS m OFFSET 0) l
    JOIN buildings b ON b.geom_metric && ST_Expand(l.m, ${radiusM}::float8)
    WHERE ST_Distance(l.m, b.geom_metric) <= ${radiusM}::float8
    ORDER BY b.id`.execute(db);
  return result.rows.map((r) => ({ buildingId: r.id, legM: r.leg, fraction: r.fraction }));
}

/** Buildings whose footprint a line runs through (not just touches). */
async function buildingsCrossed(db: Db, line: GeoJSON.LineString): Promise<number[]> {
  const result = await sql<{ id: number }>`
    SELECT b.id FROM buildings b,
      (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(line)}), 4326) AS g OFFSET 0) l
    WHERE b.geom && l.g AND ST_Relate(b.geom, l.g, '1********') ORDER BY b.id`.execute(db);
  return result.rows.map((r) => r.id);
}

/** Checks each fix against the stored data and turns it into what the in-memory network needs. */
export async function resolveFixes(base: ScenarioBase, fixes: readonly FixSpec[]): Promise<ResolvedFix[]> {
  const { db } = base;
  const resolved: ResolvedFix[] = [];
  let linkNumber = 0;
  for (const fix of fixes) {
    if (fix.kind === 'clear_obstacle') {
      const obstacle = await obstacleRow(db, fix.obstacle_id);
      if (obstacle.status !== 'open') throw new BadRequestError(`obstacle ${obstacle.code} is already cleared`);
      resolved.push({ kind: 'clear_obstacle', obstacleId: obstacle.id, passageId: obstacle.passage_id });
    } else if (fix.kind === 'widen') {
      await passageRow(db, fix.passage_id);
      resolved.push({ kind: 'widen', passageId: fix.passage_id, widthM: fix.width_m });
    } else if (fix.kind === 'turnaround') {
      const passageId = fix.passage_id ?? (await passageNear(db, fix.point!));
      await passageRow(db, passageId);
      resolved.push({ kind: 'turnaround', passageId });
    } else {
      linkNumber++;
      const link = await snapNewLink(db, fix.geometry);
      resolved.push({
        kind: 'new_link',
        link: {
          id: -linkNumber,
          code: `NEW-${linkNumber}`,
          start: link.start,
          end: link.end,
          lengthM: link.lengthM,
          widthM: fix.width_m,
          linkClass: fix.class,
          geometry: link.geometry,
          attachments: await linkAttachments(db, link.geometry, base.hoseM),
          crossesBuildingIds: await buildingsCrossed(db, link.geometry),
        },
      });
    }
  }
  return resolved;
}

/** Where candidate sites meet the network: the nearest point of the nearest stored passage (KNN, metres). */
async function attachPoints(db: Db, graph: Graph, points: readonly Point[]): Promise<Attachment[]> {
  if (points.length === 0) return [];
  const values = sql.join(points.map(([lon, lat], i) => sql`(${i}::int, ${lon}::float8, ${lat}::float8)`));
  const result = await sql<{ i: number; passage_id: number; leg: number; fraction: number }>`
    SELECT s.i, n.passage_id, n.leg, n.fraction
    FROM (SELECT i, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 4546) AS m FROM (VALUES ${values}) v(i, lon, lat) OFFSET 0) s
    CROSS JOIN LATERAL (
      SELECT p.id AS passage_id, ST_Distance(p.geom_metric, s.m) AS leg,
        ST_LineLocatePoint(p.geom_metric, ST_ClosestPoint(p.geom_metric, s.m)) AS fraction
      FROM passages p ORDER BY p.geom_metric <-> s.m, p.id LIMIT 1
    ) n ORDER BY s.i`.execute(db);
  return result.rows.map((r) => ({ edge: graph.edgeIndexById.get(r.passage_id)!, legM: r.leg, fraction: r.fraction }));
}

export interface CoverageSetting {
  /** Usable water sources this month, as attachments. */
  water: Attachment[];
  waterRadiusM: number;
  /** Micro stations and volunteer teams. */
  stations: TravelSource[];
  stationMinutes: number;
}

export async function loadCoverageSetting(base: ScenarioBase): Promise<CoverageSetting> {
  const entry = await cachedBase(base.db);
  let coverage = entry.coverage.get(base.month);
  if (!coverage) {
    coverage = readCoverageSetting(base);
    entry.coverage.set(base.month, coverage);
  }
  return coverage;
}

async function readCoverageSetting(base: ScenarioBase): Promise<CoverageSetting> {
  const { db, book, graph } = base;
  const stationRule = book.one('station_time');
  const [waterIds, stations] = await Promise.all([
    usableWaterSourceIds(db, base.month),
    loadStations(db, stringListParam(stationRule, 'station_kinds', ['micro_station', 'volunteer_team'])),
  ]);
  const [water, stationAt] = await Promise.all([
    loadSourceAttachments(db, graph, 'water_sources', waterIds),
    loadSourceAttachments(
      db,
      graph,
      'stations',
      stations.map((s) => s.id),
    ),
  ]);
  return {
    water: [...water.values()],
    waterRadiusM: book.one('water_radius').threshold,
    stations: stations.flatMap((s) => (stationAt.has(s.id) ? [{ id: s.id, at: stationAt.get(s.id)!, speedKmh: s.speedKmh }] : [])),
    stationMinutes: stationRule.threshold,
  };
}

export interface Figures {
  buildings: number;
  reachable_by_truck: number;
  within_response_target: number;
  passage_findings: number;
  water_covered?: number;
  station_covered?: number;
}

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

const figuresOf = (truck: TruckFigures, buildings: number): Figures => ({
  buildings,
  reachable_by_truck: truck.reachable.size,
  within_response_target: truck.withinTarget.size,
  // The passages analysis's findings; blocked segments are listed in resolved/new findings but not counted
  // (opening one area makes the next segments out of it count as blocking, which is progress, not a new problem).
  passage_findings: [...truck.findings.values()].filter((f) => f.kind !== 'blocked_segment').length,
});

/**
 * What-if: the fixes and candidate sites applied to the network in memory, and the same figures measured
 * on the stored network and on the scenario (truck reachability, response time, passage findings, and
 * water / micro-station coverage when sites are given). Reads only; nothing is written.
 */
export async function evaluateScenario(db: Db, input: EvaluateInput): Promise<ScenarioResult> {
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
  const siteAttachments = await attachPoints(
    db,
    base.graph,
    input.sites.map((s) => [s.lon, s.lat]),
  );
  if (input.sites.length > 0) {
    const coverage = await loadCoverageSetting(base);
    const waterSites = siteAttachments.filter((_, i) => input.sites[i]!.kind === 'water');
    const stationSites = input.sites.flatMap((site, i) =>
      site.kind === 'station' ? [{ id: -(i + 1), at: siteAttachments[i]!, speedKmh: site.speed_kmh ?? SUGGESTION_STATION_SPEED_KMH }] : [],
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

  const newlyReachable = difference(after.reachable, before.reachable).sort((a, b) => a - b);
  const shapes = await buildingGeometries(db, newlyReachable);
  return {
    parameters,
    before: figuresBefore,
    after: figuresAfter,
    newly_reachable: {
      type: 'FeatureCollection',
      features: newlyReachable.map((id) => ({
        type: 'Feature',
        id,
        geometry: JSON.parse(shapes.get(id)!) as GeoJSON.Geometry,
        properties: { building_id: id },
      })),
    },
    newly_within_target: difference(after.withinTarget, before.withinTarget).sort((a, b) => a - b),
    newly_water_covered: newlyWater.sort((a, b) => a - b),
    newly_station_covered: newlyStation.sort((a, b) => a - b),
    resolved_findings: difference(new Set(before.findings.keys()), new Set(after.findings.keys())).map((key) => before.findings.get(key)!),
    new_findings: difference(new Set(after.findings.keys()), new Set(before.findings.keys())).map((key) => after.findings.get(key)!),
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
                  length_m: Math.round(fix.link.lengthM * 100) / 100,
                  width_m: fix.link.widthM,
                  crosses_building_ids: fix.link.crossesBuildingIds ?? [],
                },
              },
            ]
          : [],
      ),
    },
    sites: input.sites.map((site, i) => ({
      kind: site.kind,
      lon: site.lon,
      lat: site.lat,
      passage_id: base.graph.edges[siteAttachments[i]!.edge]!.id,
      snap_m: Math.round(siteAttachments[i]!.legM * 100) / 100,
    })),
    elapsed_ms: Math.round(performance.now() - started),
  };
}

// ——— saved scenarios ———

export interface ScenarioRow {
  id: number;
  name: string;
  fixes: FixSpec[];
  sites: Site[];
  result: { before: Figures; after: Figures; resolved_findings: number; newly_reachable: number } | null;
  created_by: string;
  created_at: string;
  applied_at: string | null;
}

const SCENARIO_SELECT = sql`
  SELECT id, name, fixes, sites, result, created_by,
    to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
    to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at
  FROM scenarios`;

export async function listScenarios(db: Db): Promise<ScenarioRow[]> {
  return (await sql<ScenarioRow>`${SCENARIO_SELECT} ORDER BY id DESC`.execute(db)).rows;
}

export async function getScenario(db: Db, id: number): Promise<ScenarioRow> {
  const row = (await sql<ScenarioRow>`${SCENARIO_SELECT} WHERE id = ${id}`.execute(db)).rows[0];
  if (!row) throw new NotFoundError(`scenario ${id} not found`);
  return row;
}

/** Saves a scenario with its evaluated figures (evaluated now, so the stored summary matches the data it was judged on). */
export async function saveScenario(db: Db, input: EvaluateInput & { name: string }, actor: PlanningActor): Promise<ScenarioRow> {
  const result = await evaluateScenario(db, input);
  const summary = {
    before: result.before,
    after: result.after,
    resolved_findings: result.resolved_findings.length,
    newly_reachable: result.newly_reachable.features.length,
  };
  return db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: number }>`
      INSERT INTO scenarios (name, fixes, sites, result, created_by)
      VALUES (${input.name}, ${JSON.stringify(input.fixes)}::jsonb, ${JSON.stringify(input.sites)}::jsonb,
        ${JSON.stringify(summary)}::jsonb, ${actor.name})
      RETURNING id`.execute(trx);
    const id = inserted.rows[0]!.id;
    await sql`
      INSERT INTO audit_log (actor, role, action, table_name, record_id, before, after)
      VALUES (${actor.name}, ${actor.role}, 'create', 'scenarios', ${String(id)}, NULL,
        ${JSON.stringify({ name: input.name, fixes: input.fixes, sites: input.sites, result: summary })}::jsonb)`.execute(trx);
    return getScenario(trx as unknown as Db, id);
  });
}

/**
 * Applies a scenario: each of its fixes becomes planned work (计划) linked to the scenario, all in one
 * transaction with audit rows; a scenario is applied once (FixStepError otherwise).
 */
export async function applyScenario(
  db: Db,
  id: number,
  details: { responsible: string; deadline?: string | null; note: string },
  actor: PlanningActor,
): Promise<{ scenario: ScenarioRow; fixes: FixRow[] }> {
  return db.transaction().execute(async (trx) => {
    const locked = await sql<{ id: number }>`SELECT id FROM scenarios WHERE id = ${id} FOR UPDATE`.execute(trx);
    if (!locked.rows[0]) throw new NotFoundError(`scenario ${id} not found`);
    const scenario = await getScenario(trx as unknown as Db, id);
    if (scenario.applied_at)
      throw new FixStepError(
        `scenario ${id} was already applied on ${scenario.applied_at}`,
        scenario as unknown as Record<string, unknown>,
      );
    const fixes: FixRow[] = [];
    for (const fix of scenario.fixes) {
      fixes.push(
        await createFixIn(
          trx,
          { fix, responsible: details.responsible, deadline: details.deadline, note: details.note, scenario_id: id },
          actor,
        ),
      );
    }
    await sql`UPDATE scenarios SET applied_at = now() WHERE id = ${id}`.execute(trx);
    await sql`
      INSERT INTO audit_log (actor, role, action, table_name, record_id, before, after)
      VALUES (${actor.name}, ${actor.role}, 'update', 'scenarios', ${String(id)}, ${JSON.stringify({ applied_at: null })}::jsonb,
        ${JSON.stringify({ applied: true, fix_ids: fixes.map((f) => f.id) })}::jsonb)`.execute(trx);
    return { scenario: await getScenario(trx as unknown as Db, id), fixes };
  });
}

// ——— the passages page's ranked list ———

export interface SegmentObstacle {
  id: number;
  code: string;
  type: string;
  found_on: string;
  milestone: MilestoneId;
}

export interface SegmentToFix {
  rank: number;
  passage_id: number;
  code: string;
  name: string | null;
  village_code: string | null;
  class: string;
  width_m: number;
  height_m: number | null;
  length_m: number;
  reasons: ('obstacle' | 'narrow' | 'low' | 'dead_end')[];
  /** Buildings that get truck access when this segment alone is made passable (the reachability analysis's ranking). */
  cut_off: number;
  building_ids: number[];
  dead_end_m: number | null;
  obstacles: SegmentObstacle[];
  milestone: MilestoneId;
  milestone_due: string;
  overdue: boolean;
  geometry: GeoJSON.Geometry;
}

/** Obstacle types that are fixed structures (the end-2024 milestone: 固定障碍物). */
const FIXED_OBSTACLES = ['illegal_structure', 'ground_lock'];
/** An obstacle this close to a crowded place falls under the end-2025 milestone (metres). */
const CROWDED_NEAR_M = 50;

/**
 * Blocked and substandard segments ranked by impact (buildings cut off from truck access, from the same
 * reachability code as the analysis), with their open obstacles and the campaign milestone each falls
 * under: end 2024 fixed obstacles on lanes, end 2025 obstacles at crowded places, end 2026 the rest.
 */
export async function segmentsToFix(
  db: Db,
): Promise<{ segments: SegmentToFix[]; today: string; buildings: number; without_truck_access: number }> {
  const base = await loadScenarioBase(db);
  const { graph, limits } = base;
  const reach = analyseReachability({
    graph,
    limits,
    sourceNodes: base.truckSources.map((s) => graph.edges[s.at.edge]!.a),
    buildings: base.buildings,
  });
  const blocked = new Map(reach.blocked.map((b) => [b.edge, b]));
  const deadEnds = new Map<number, number>();
  for (const d of findDeadEnds(graph)) if (d.lengthM > base.deadEndM && !d.hasTurnaround) deadEnds.set(d.edges[0]!, d.lengthM);

  const obstacleRows = await sql<{
    id: number;
    code: string;
    passage_id: number;
    obstacle_type: string;
    found_on: string;
    near_crowded: boolean;
    today: string;
  }>`
    SELECT o.id, o.code, o.passage_id, o.obstacle_type, o.found_on, current_date::text AS today,
      EXISTS (SELECT 1 FROM social_units u WHERE u.kind = 'crowded'
        AND ST_DWithin(ST_Transform(u.geom, 4546), ST_Transform(o.geom, 4546), ${CROWDED_NEAR_M}::float8)) AS near_crowded
    FROM obstacles o WHERE o.status = 'open' ORDER BY o.id`.execute(db);
  const today =
    obstacleRows.rows[0]?.today ?? (await sql<{ today: string }>`SELECT current_date::text AS today`.execute(db)).rows[0]!.today;
  const obstaclesByPassage = new Map<number, SegmentObstacle[]>();
  for (const o of obstacleRows.rows) {
    const milestone: MilestoneId = FIXED_OBSTACLES.includes(o.obstacle_type) ? '2024' : o.near_crowded ? '2025' : '2026';
    const list = obstaclesByPassage.get(o.passage_id) ?? [];
    list.push({ id: o.id, code: o.code, type: o.obstacle_type, found_on: o.found_on, milestone });
    obstaclesByPassage.set(o.passage_id, list);
  }

  const flagged = graph.edges.filter((edge) => blocked.has(edge.index) || deadEnds.has(edge.index));
  const details = await sql<{ id: number; name: string | null; class: string; geometry: string }>`
    SELECT id, name, class, ST_AsGeoJSON(geom, 7) AS geometry FROM passages WHERE id = ANY(${flagged.map((e) => e.id)}::int[])`.execute(db);
  const byId = new Map(details.rows.map((r) => [r.id, r]));
  const segments = flagged.map((edge) => {
    const segment = blocked.get(edge.index);
    const obstacles = obstaclesByPassage.get(edge.id) ?? [];
    const reasons: SegmentToFix['reasons'] = [...(segment?.reasons ?? [])];
    if (deadEnds.has(edge.index)) reasons.push('dead_end');
    // Milestones are year strings: the earliest is the smallest string.
    // biome-ignore lint/complexity/useMathMinMax: Math.min does not compare strings
    const milestone = obstacles.reduce<MilestoneId>((m, o) => (o.milestone < m ? o.milestone : m), '2026');
    const due = MILESTONES.find((m) => m.id === milestone)!.due;
    const row = byId.get(edge.id)!;
    return {
      rank: 0,
      passage_id: edge.id,
      code: edge.code,
      name: row.name,
      village_code: edge.villageCode,
      class: row.class,
      width_m: edge.widthM,
      height_m: edge.heightM,
      length_m: Math.round(edge.lengthM * 10) / 10,
      reasons,
      cut_off: segment?.cutOff.length ?? 0,
      building_ids: segment?.cutOff ?? [],
      dead_end_m: deadEnds.has(edge.index) ? Math.round(deadEnds.get(edge.index)! * 10) / 10 : null,
      obstacles,
      milestone,
      milestone_due: due,
      overdue: today > due,
      geometry: JSON.parse(row.geometry) as GeoJSON.Geometry,
    };
  });
  segments.sort((a, b) => b.cut_off - a.cut_off || a.milestone.localeCompare(b.milestone) || a.passage_id - b.passage_id);
  segments.forEach((s, i) => (s.rank = i + 1));
  return { segments, today, buildings: base.buildings.length, without_truck_access: reach.unreachable.length };
}
