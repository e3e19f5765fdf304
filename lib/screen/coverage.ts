import { ratio, type StatsScope } from '../../db/queries/stats/scope';
import type { Db } from '../../db/schema';
import { runAnalysis } from '../analysis/run';
import type { AnalysisResult, Finding } from '../analysis/types';
import { DEFAULT_SPACING_RULESET } from '../rules/types';

export interface CoverageShare {
  buildings: number;
  covered: number;
  share: number | null;
}

export interface CoverageFigures {
  /** Month whose usable water sources count (seasonal ponds dry up). */
  month: number;
  /** 150 m of a usable water source along the walkable network (the stricter measure). */
  water: CoverageShare;
  /** A micro station or volunteer team within 3 minutes. */
  station: CoverageShare;
  /** The township brigade or county station by truck within the target time. */
  brigade: CoverageShare & { targetMin: number };
  /** Response-time gap areas (buildings the brigade cannot reach in time), for the map. */
  gaps: Finding[];
  computedAt: string;
}

interface TownCoverage {
  water: AnalysisResult;
  station: AnalysisResult;
  brigade: AnalysisResult;
  computedAt: string;
}

/** Coverage analyses take seconds (1–3 s each embedded): keep the town's results a few minutes. */
export const COVERAGE_CACHE_MS = 5 * 60_000;
const cache = new WeakMap<Db, Map<number, { at: number; result: Promise<TownCoverage> }>>();

async function townCoverage(db: Db, month: number): Promise<TownCoverage> {
  const options = { villages: [], ruleset: DEFAULT_SPACING_RULESET, month };
  // One at a time: the embedded engine serialises them anyway, and the server is spared three network loads at once.
  const water = await runAnalysis(db, 'water-coverage', options);
  const station = await runAnalysis(db, 'station-coverage', options);
  const brigade = await runAnalysis(db, 'response-time', options);
  return { water, station, brigade, computedAt: new Date().toISOString() };
}

/** The town's coverage analyses for the month, from the cache when fresh (concurrent callers share one run). */
function cachedTownCoverage(db: Db, month: number, now = Date.now()): Promise<TownCoverage> {
  const perDb = cache.get(db) ?? new Map();
  cache.set(db, perDb);
  const hit = perDb.get(month);
  if (hit && now - hit.at < COVERAGE_CACHE_MS) return hit.result;
  const result = townCoverage(db, month);
  perDb.set(month, { at: now, result });
  result.catch(() => perDb.delete(month));
  return result;
}

/** Forgets cached coverage (tests; after an import that changes buildings, water or stations). */
export function clearCoverageCache(db: Db): void {
  cache.delete(db);
}

/** Sums `buildings` and the uncovered count of the wanted villages from an analysis summary. */
function share(result: AnalysisResult, uncoveredKey: string, villages: readonly string[]): CoverageShare {
  let buildings = 0;
  let uncovered = 0;
  for (const [code, entry] of Object.entries(result.summary.by_village)) {
    if (villages.length > 0 && !villages.includes(code)) continue;
    buildings += Number(entry.buildings ?? 0);
    uncovered += Number(entry[uncoveredKey] ?? 0);
  }
  return { buildings, covered: buildings - uncovered, share: ratio(buildings - uncovered, buildings) };
}

/**
 * Share of buildings covered by water, by a micro station in 3 minutes and by the brigade in the target time.
 * The analyses run once for the whole town (their networks are the town's anyway, and building counts are
 * per village), so every village of the screen's tour is a sum over the cached town result — the same
 * numbers a run restricted to the village gives.
 */
export async function coverageFigures(db: Db, scope: StatsScope): Promise<CoverageFigures> {
  const month = Number(scope.today.slice(5, 7));
  const town = await cachedTownCoverage(db, month);
  const wanted = (f: Finding) => scope.villages.length === 0 || scope.villages.includes(f.properties.village_code ?? '');
  return {
    month,
    water: share(town.water, 'uncovered_network', scope.villages),
    station: share(town.station, 'uncovered', scope.villages),
    brigade: { ...share(town.brigade, 'uncovered', scope.villages), targetMin: Number(town.brigade.summary.target_min) },
    gaps: town.brigade.features.filter((f) => f.properties.kind === 'gap_area' && wanted(f)),
    computedAt: town.computedAt,
  };
}
