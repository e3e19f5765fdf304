import { performance } from 'node:perf_hooks';
import { passageOutlines } from '../../db/queries/planning-network';
import { buildingCentres, pointsOnPassages } from '../../db/queries/suggestions';
import type { Db } from '../../db/schema';
import { analyseReachability } from '../analysis/reachability';
import { truckPassable } from '../network/truck';
import { SUGGESTION_STATION_SPEED_KMH } from './fixes';
import { buildingsByEdge, candidatePoints, coveredFrom, greedyMaxCoverage } from './max-coverage';
import { stationCovered, waterCovered } from './measure';
import { edgeAt } from './network-lookup';
import { loadCoverageSetting, loadScenarioBase } from './scenario-cache';

export type SuggestionKind = 'water' | 'station';

/** Candidate spacing along passages (metres). */
export const CANDIDATE_SPACING_M = 50;

export interface SuggestedSite {
  rank: number;
  lon: number;
  lat: number;
  passage_id: number;
  passage_code: string;
  /** The passage's name (null when it has none) and class, to title it in words. */
  passage_name: string | null;
  passage_class: string | null;
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
      sourceNodes: base.truckSources.map((s) => edgeAt(graph, s.at.edge).a),
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
  const chosen = greedyMaxCoverage(covers, k).flatMap((pick) => {
    const at = candidates[pick.candidate];
    return at ? [{ ...pick, at, edge: edgeAt(graph, at.edge) }] : [];
  });

  const positions = await pointsOnPassages(
    db,
    chosen.map(({ at, edge }) => ({ passageId: edge.id, fraction: at.fraction })),
  );
  const outlines = await passageOutlines(
    db,
    chosen.map(({ edge }) => edge.id),
  );
  const centres = await buildingCentres(
    db,
    chosen.flatMap((pick) => pick.gain),
  );
  let cumulative = covered.size;
  const sites = chosen.flatMap(({ edge, gain }, i): SuggestedSite[] => {
    cumulative += gain.length;
    const position = positions[i];
    if (!position) return [];
    const [lon, lat] = position;
    return [
      {
        rank: i + 1,
        lon,
        lat,
        passage_id: edge.id,
        passage_code: edge.code,
        passage_name: outlines.get(edge.id)?.name ?? null,
        passage_class: outlines.get(edge.id)?.class ?? null,
        gain: gain.length,
        building_ids: gain,
        cumulative_covered: cumulative,
      },
    ];
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
      features: chosen.flatMap(({ gain }, i) =>
        gain.flatMap((id) => {
          const centre = centres.get(id);
          return centre
            ? [
                {
                  type: 'Feature' as const,
                  geometry: { type: 'Point' as const, coordinates: centre },
                  properties: { building_id: id, rank: i + 1 },
                },
              ]
            : [];
        }),
      ),
    },
    elapsed_ms: Math.round(performance.now() - started),
  };
}
