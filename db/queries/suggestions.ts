import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { analyseReachability } from '../../lib/analysis/reachability';
import { truckPassable } from '../../lib/network/truck';
import { SUGGESTION_STATION_SPEED_KMH } from '../../lib/planning/fixes';
import { buildingsByEdge, candidatePoints, coveredFrom, greedyMaxCoverage } from '../../lib/planning/max-coverage';
import { stationCovered, waterCovered } from '../../lib/planning/measure';
import type { Db } from '../schema';
import { loadCoverageSetting, loadScenarioBase } from './scenarios';

export type SuggestionKind = 'water' | 'station';

/** Candidate spacing along passages (metres). */
export const CANDIDATE_SPACING_M = 50;

export interface SuggestedSite {
  rank: number;
  lon: number;
  lat: number;
  passage_id: number;
  passage_code: string;
  /** Buildings this site covers that neither the existing sources nor the higher-ranked sites cover. */
  gain: number;
  building_ids: number[];
  /** Buildings covered after this site and all higher-ranked ones. */
  cumulative_covered: number;
}

export interface Suggestions {
  kind: SuggestionKind;
  k: number;
  parameters: { spacing_m: number; radius_m?: number; minutes?: number; speed_kmh?: number; month: number };
  buildings: number;
  covered_before: number;
  uncovered_before: number;
  candidates: number;
  sites: SuggestedSite[];
  /** The buildings each site gains, as points (for the map). */
  gained: GeoJSON.FeatureCollection;
  elapsed_ms: number;
}

/**
 * The k best places for a new water tank (on truck-reachable passages: a tanker must reach the draw-off) or
 * micro station (on truck-passable passages), each covering the most still-uncovered buildings: water by
 * the water-radius rule along the network plus the leg to the footprint; a station by the 3-minute rule at
 * `speedKmh` along every passage. Greedy maximum coverage over candidates every CANDIDATE_SPACING_M.
 */
export async function suggestSites(
  db: Db,
  kind: SuggestionKind,
  k: number,
  options: { month?: number; speedKmh?: number } = {},
): Promise<Suggestions> {
  const started = performance.now();
  const base = await loadScenarioBase(db, { month: options.month });
  const coverage = await loadCoverageSetting(base);
  const { graph, buildings, limits } = base;
  const passable = graph.edges.map((edge) => truckPassable(edge, limits));
  let usable = passable;
  let covered: Set<number>;
  let limitM: number;
  let withLeg: boolean;
  const speedKmh = options.speedKmh ?? SUGGESTION_STATION_SPEED_KMH;
  if (kind === 'water') {
    const reach = analyseReachability({
      graph,
      limits,
      sourceNodes: base.truckSources.map((s) => graph.edges[s.at.edge]!.a),
      buildings,
    });
    usable = reach.reachableEdge;
    covered = waterCovered(graph, buildings, coverage.water, coverage.waterRadiusM);
    limitM = coverage.waterRadiusM;
    withLeg = true;
  } else {
    covered = stationCovered(graph, buildings, coverage.stations, coverage.stationMinutes);
    limitM = ((speedKmh * 1000) / 60) * coverage.stationMinutes;
    withLeg = false; // as the station-coverage analysis: travel to the building's point on the passage
  }
  const uncovered = new Set(buildings.filter((b) => !covered.has(b.id)).map((b) => b.id));
  const candidates = candidatePoints(graph, usable, CANDIDATE_SPACING_M);
  const byEdge = buildingsByEdge(buildings);
  const covers = candidates.map((at) => coveredFrom(graph, at, byEdge, uncovered, limitM, withLeg));
  const picks = greedyMaxCoverage(covers, k);

  const chosen = picks.map((pick) => candidates[pick.candidate]!);
  const positions = await pointsOnPassages(
    db,
    chosen.map((at) => ({ passageId: graph.edges[at.edge]!.id, fraction: at.fraction })),
  );
  const gainedIds = picks.flatMap((pick) => pick.gain);
  const centres = await buildingCentres(db, gainedIds);
  let cumulative = covered.size;
  const sites = picks.map((pick, i) => {
    cumulative += pick.gain.length;
    const edge = graph.edges[chosen[i]!.edge]!;
    return {
      rank: i + 1,
      lon: positions[i]![0],
      lat: positions[i]![1],
      passage_id: edge.id,
      passage_code: edge.code,
      gain: pick.gain.length,
      building_ids: pick.gain,
      cumulative_covered: cumulative,
    };
  });
  return {
    kind,
    k,
    parameters:
      kind === 'water'
        ? { spacing_m: CANDIDATE_SPACING_M, radius_m: coverage.waterRadiusM, month: base.month }
        : { spacing_m: CANDIDATE_SPACING_M, minutes: coverage.stationMinutes, speed_kmh: speedKmh, month: base.month },
    buildings: buildings.length,
    covered_before: covered.size,
    uncovered_before: uncovered.size,
    candidates: candidates.length,
    sites,
    gained: {
      type: 'FeatureCollection',
      features: picks.flatMap((pick, i) =>
        pick.gain.map((id) => ({
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: centres.get(id)! },
          properties: { building_id: id, rank: i + 1 },
        })),
      ),
    },
    elapsed_ms: Math.round(performance.now() - started),
  };
}

/** lon/lat of points along passages, the fraction measured on the EPSG:4546 length (as attachments are). */
async function pointsOnPassages(db: Db, points: readonly { passageId: number; fraction: number }[]): Promise<[number, number][]> {
  if (points.length === 0) return [];
  const values = sql.join(points.map((p, i) => sql`(${i}::int, ${p.passageId}::int, ${p.fraction}::float8)`));
  const result = await sql<{ i: number; lon: number; lat: number }>`
    SELECT v.i, ST_X(pt) AS lon, ST_Y(pt) AS lat
    FROM (VALUES ${values}) v(i, passage_id, fraction)
    JOIN passages p ON p.id = v.passage_id
    CROSS JOIN LATERAL (SELECT ST_Transform(ST_LineInterpolatePoint(p.geom_metric, v.fraction), 4326) AS pt) q
    ORDER BY v.i`.execute(db);
  return result.rows.map((r) => [r.lon, r.lat]);
}

async function buildingCentres(db: Db, ids: readonly number[]): Promise<Map<number, [number, number]>> {
  if (ids.length === 0) return new Map();
  const result = await sql<{ id: number; lon: number; lat: number }>`
    SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM buildings WHERE id = ANY(${[...ids]}::int[])`.execute(db);
  return new Map(result.rows.map((r) => [r.id, [r.lon, r.lat]]));
}
