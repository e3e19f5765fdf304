import { nearestUsableWaterDistances } from '../../../db/queries/analysis/nearest';
import { loadBuildingAccess, loadPassageEdges, loadSourceAttachments, usableWaterSourceIds } from '../../../db/queries/analysis/network';
import { sourceStarts, sourcesByEdge } from '../../network/attachments';
import { shortestDistances } from '../../network/dijkstra';
import { buildGraph } from '../../network/graph';
import { distanceToBuilding } from '../access';
import { ruleFields } from '../finding';
import { summarize } from '../summary';
import type { AnalysisContext, AnalysisOutcome } from './context';
import { coverageFindings, type Uncovered, villageCounts } from './coverage-findings';

/**
 * 消防水源覆盖: buildings with no usable water source (in service, not dry in the month) within the radius,
 * by straight line and along the walkable network (every passage; obstacles do not stop people laying hose):
 * source → the nearest point of its nearest passage (straight) → along passages → the building's closest point
 * on a passage within the access (hose) radius → footprint (straight).
 */
export async function runWaterCoverage(context: AnalysisContext): Promise<AnalysisOutcome> {
  const { db, book, options } = context;
  const radius = book.one('water_radius');
  const accessM = options.hoseM ?? book.one('hose_distance').threshold;
  const graph = buildGraph(await loadPassageEdges(db));
  // Independent queries: concurrent on a server (connection pool); the embedded engine queues them.
  const [sourceIds, buildings, straight] = await Promise.all([
    usableWaterSourceIds(db, options.month),
    loadBuildingAccess(db, graph, accessM, options.villages),
    nearestUsableWaterDistances(db, options.month, options.villages),
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
