import { type Kysely, sql } from 'kysely';
import type { BuildingAccess } from '../../../lib/analysis/access';
import type { Attachment } from '../../../lib/network/attachments';
import { buildGraph, type Graph } from '../../../lib/network/graph';
import type { TruckLimits } from '../../../lib/network/truck';
import type { RuleBook } from '../../../lib/rules/rulebook';
import { stringListParam } from '../../../lib/rules/rulebook';
import type { Database } from '../../schema';
import type { AnalysisContext } from './context';
import { loadBuildingAccess, loadPassageEdges, loadSourceAttachments, loadStations, type StationRow } from './network';

/** The truck setting shared by reachability and response time: graph, limits, hose distance, sources on the truck graph. */
export interface TruckSetting {
  graph: Graph;
  limits: TruckLimits;
  hoseM: number;
  sources: { station: StationRow; at: Attachment }[];
  buildings: BuildingAccess[];
}

export function truckLimits(book: RuleBook): TruckLimits {
  return { minWidthM: book.one('passage_width').threshold, minHeightM: book.one('passage_height').threshold };
}

export async function loadTruckSetting({ db, book, options }: AnalysisContext): Promise<TruckSetting> {
  const limits = truckLimits(book);
  const hoseM = options.hoseM ?? book.one('hose_distance').threshold;
  const kinds = stringListParam(book.one('response_time'), 'station_kinds', ['township_brigade', 'county_station']);
  const graph = buildGraph(await loadPassageEdges(db));
  const stationsAt = async () => {
    const stations = await loadStations(db, kinds);
    const attachments = await loadSourceAttachments(
      db,
      graph,
      'stations',
      stations.map((s) => s.id),
      limits,
    );
    return stations.flatMap((station) => {
      const at = attachments.get(station.id);
      return at ? [{ station, at }] : [];
    });
  };
  const [sources, buildings] = await Promise.all([stationsAt(), loadBuildingAccess(db, graph, hoseM, options.villages)]);
  return { graph, limits, hoseM, sources, buildings };
}

/**
 * Distance from each building to the nearest of the given passages (metres), for buildings that have none
 * within the hose distance. KNN on the EPSG:4546 expression index, exact in metres.
 */
export async function nearestPassageDistances(
  db: Kysely<Database>,
  buildingIds: readonly number[],
  passageIds: readonly number[],
): Promise<Map<number, number>> {
  if (buildingIds.length === 0 || passageIds.length === 0) return new Map();
  const result = await sql<{ id: number; distance: number }>`
    SELECT b.id, n.distance FROM buildings b
    CROSS JOIN LATERAL (SELECT b.geom_metric AS m OFFSET 0) bm
    CROSS JOIN LATERAL (
      SELECT ST_Distance(p.geom_metric, bm.m) AS distance
      FROM passages p WHERE p.id = ANY(${[...passageIds]}::int[])
      ORDER BY p.geom_metric <-> bm.m LIMIT 1
    ) n
    WHERE b.id = ANY(${[...buildingIds]}::int[])`.execute(db);
  return new Map(result.rows.map((r) => [r.id, r.distance]));
}
