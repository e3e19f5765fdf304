import { loadSourceAttachments, loadStations, usableWaterSourceIds } from '../../db/queries/analysis/network';
import { loadRules } from '../../db/queries/analysis/rules';
import { networkDataFingerprint } from '../../db/queries/planning-network';
import type { Db } from '../../db/schema';
import type { BuildingAccess } from '../analysis/access';
import { loadTruckSetting } from '../analysis/run/truck-setting';
import type { TravelSource } from '../analysis/travel';
import type { Attachment } from '../network/attachments';
import type { Graph, PassageEdgeInput } from '../network/graph';
import type { TruckLimits } from '../network/truck';
import { RuleBook, stringListParam } from '../rules/rulebook';
import { chinaMonth } from '../time';

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

export interface CoverageSetting {
  /** Usable water sources this month, as attachments. */
  water: Attachment[];
  waterRadiusM: number;
  /** Micro stations and volunteer teams. */
  stations: TravelSource[];
  stationMinutes: number;
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
  const key = await networkDataFingerprint(db);
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

/** The stored network for a scenario: `targetMin` defaults to the response-time rule, `month` to this month in China. */
export async function loadScenarioBase(db: Db, options: { targetMin?: number; month?: number } = {}): Promise<ScenarioBase> {
  const base = await (await cachedBase(db)).loaded;
  return {
    ...base,
    db,
    month: options.month ?? chinaMonth(),
    targetMin: options.targetMin ?? base.book.one('response_time').threshold,
  };
}

/** Water sources usable in the base's month and the micro stations, on the network (cached with the base). */
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
    stations: stations.flatMap((s) => {
      const at = stationAt.get(s.id);
      return at ? [{ id: s.id, at, speedKmh: s.speedKmh }] : [];
    }),
    stationMinutes: stationRule.threshold,
  };
}
