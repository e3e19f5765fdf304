import { sql } from 'kysely';
import { distanceToBuilding } from '../../../lib/analysis/access';
import { ruleFields } from '../../../lib/analysis/finding';
import { summarize } from '../../../lib/analysis/summary';
import { sourceStarts, sourcesByEdge } from '../../../lib/network/attachments';
import { shortestDistances } from '../../../lib/network/dijkstra';
import { buildGraph } from '../../../lib/network/graph';
import type { AnalysisContext } from './context';
import { coverageFindings, type Uncovered, villageCounts } from './coverage';
import {
  buildingInVillages,
  loadBuildingAccess,
  loadPassageEdges,
  loadSourceAttachments,
  usableWater,
  usableWaterSourceIds,
} from './network';

/** Straight distance from each building to the nearest usable source (KNN on the EPSG:4546 index, exact metres). */
async function nearestUsableSource({ db, options }: AnalysisContext): Promise<Map<number, number>> {
  const result = await sql<{ id: number; distance: number }>`
    SELECT b.id, n.distance FROM buildings b
    CROSS JOIN LATERAL (SELECT b.geom_metric AS m OFFSET 0) bm
    CROSS JOIN LATERAL (
      SELECT ST_Distance(ST_Transform(w.geom, 4546), bm.m) AS distance
      FROM water_sources w WHERE ${usableWater(options.month)}
      ORDER BY ST_Transform(w.geom, 4546) <-> bm.m LIMIT 1
    ) n
    WHERE ${buildingInVillages(options.villages)}`.execute(db);
  return new Map(result.rows.map((r) => [r.id, r.distance]));
}

/**
 * 消防水源覆盖: buildings with no usable water source (in service, not dry in the month) within the radius,
 * by straight line and along the walkable network (every passage; obstacles do not stop people laying hose):
 * source → the nearest point of its nearest passage (straight) → along passages → the building's closest point
 * on a passage within the access (hose) radius → footprint (straight).
 */
export async function runWaterCoverage(context: AnalysisContext) {
  const { db, book, options } = context;
  const radius = book.one('water_radius');
  const accessM = options.hoseM ?? book.one('hose_distance').threshold;
  const graph = buildGraph(await loadPassageEdges(db));
  // Independent queries: concurrent on a server (connection pool); the embedded engine queues them.
  const [sourceIds, buildings, straight] = await Promise.all([
    usableWaterSourceIds(db, options.month),
    loadBuildingAccess(db, graph, accessM, options.villages),
    nearestUsableSource(context),
  ]);
  const sources = [...(await loadSourceAttachments(db, graph, 'water_sources', sourceIds)).values()];
  const nodeDistance = shortestDistances(
    graph,
    sources.flatMap((at) => sourceStarts(graph, at)),
  );
  const onEdge = sourcesByEdge(sources);

  const uncovered: Uncovered[] = [];
  for (const building of buildings) {
    const straightM = straight.get(building.id) ?? null;
    const network = distanceToBuilding(graph, nodeDistance, building, () => true, true, onEdge);
    const networkM = Number.isFinite(network) ? network : null;
    const round = (m: number | null) => (m === null ? null : Math.round(m * 100) / 100);
    const extra = { straight_m: round(straightM), network_m: round(networkM), month: options.month };
    if (straightM === null || straightM > radius.threshold) {
      uncovered.push({ id: building.id, villageCode: building.villageCode, kind: 'no_water_straight', measured: straightM, extra });
    } else if (networkM === null || networkM > radius.threshold) {
      uncovered.push({ id: building.id, villageCode: building.villageCode, kind: 'no_water_network', measured: networkM, extra });
    }
  }
  // Network reach is never shorter than the straight line, so the network gaps contain the straight-line ones:
  // one set of gap areas (the findings' kinds tell which measure fails).
  const features = await coverageFindings(context, 'water-coverage', ruleFields(radius), uncovered, {
    network: ['no_water_straight', 'no_water_network'],
  });
  const byVillage = villageCounts(buildings, {
    uncovered_straight: uncovered.filter((u) => u.kind === 'no_water_straight'),
    uncovered_network: uncovered,
  });
  return {
    features,
    summary: summarize(features, {
      byVillage,
      totals: {
        month: options.month,
        usable_sources: sourceIds.length,
        buildings: buildings.length,
        uncovered_straight: uncovered.filter((u) => u.kind === 'no_water_straight').length,
        uncovered_network: uncovered.length,
        access_m: accessM,
      },
    }),
  };
}
