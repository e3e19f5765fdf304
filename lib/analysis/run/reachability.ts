import { buildingGeometries, passageGeometries } from '../../../db/queries/analysis/geometry';
import { nearestPassageDistances } from '../../../db/queries/analysis/nearest';
import { edgeAt } from '../../network/graph';
import { finding, ruleFields } from '../finding';
import { analyseReachability } from '../reachability';
import { summarize } from '../summary';
import type { Finding } from '../types';
import type { AnalysisContext, AnalysisOutcome } from './context';
import { villageCounts } from './coverage-findings';
import { geometryFor } from './lookup';
import { loadTruckSetting } from './truck-setting';

const CAUSE_RULE = { obstacle: 'passage_obstacle', narrow: 'passage_width', low: 'passage_height' } as const;

/**
 * 消防车可达性: buildings no fire truck gets within hose distance of (from the township brigade and the county
 * station over passable segments), and, for each impassable segment, how many buildings clearing it alone
 * would give truck access to — the fixes ranked by impact.
 */
export async function runReachability(context: AnalysisContext): Promise<AnalysisOutcome> {
  const { db, book } = context;
  const setting = await loadTruckSetting(context);
  const hose = ruleFields(book.one('hose_distance'), setting.hoseM);
  const { graph } = setting;
  const result = analyseReachability({
    graph,
    limits: setting.limits,
    sourceNodes: setting.sources.map((s) => edgeAt(graph, s.at.edge).a),
    buildings: setting.buildings,
  });
  const reachablePassages = graph.edges.filter((_, e) => result.reachableEdge[e]).map((edge) => edge.id);
  const unreachableIds = result.unreachable.map((b) => b.id);
  const blocked = result.blocked.filter((segment) => segment.cutOff.length > 0);
  const [nearest, buildingShapes, passageShapes] = await Promise.all([
    nearestPassageDistances(db, unreachableIds, reachablePassages),
    buildingGeometries(db, unreachableIds),
    passageGeometries(
      db,
      blocked.map((segment) => edgeAt(graph, segment.edge).id),
    ),
  ]);

  const features: Finding[] = [
    ...result.unreachable.map((building) =>
      finding('reachability', building.reason, hose, geometryFor(buildingShapes, building.id, 'building'), {
        measured: nearest.get(building.id) ?? null,
        village_code: building.villageCode,
        building_id: building.id,
      }),
    ),
    ...blocked.map((segment, rank) => {
      const edge = edgeAt(graph, segment.edge);
      const [reason] = segment.reasons;
      const cause = book.one(CAUSE_RULE[reason]);
      const measured = reason === 'obstacle' ? edge.openObstacles : reason === 'narrow' ? edge.widthM : edge.heightM;
      return finding('reachability', 'blocked_segment', ruleFields(cause), geometryFor(passageShapes, edge.id, 'passage'), {
        measured,
        village_code: edge.villageCode,
        passage_id: edge.id,
        passage_code: edge.code,
        reasons: segment.reasons,
        rank: rank + 1,
        cut_off_buildings: segment.cutOff.length,
        building_ids: segment.cutOff,
        hose_m: setting.hoseM,
      });
    }),
  ];
  const byVillage = villageCounts(setting.buildings, { without_truck_access: result.unreachable });
  return {
    features,
    summary: summarize(features, {
      byVillage,
      totals: {
        buildings: setting.buildings.length,
        without_truck_access: result.unreachable.length,
        sources: setting.sources.map((s) => ({
          station_id: s.station.id,
          code: s.station.code,
          kind: s.station.kind,
          snap_m: Math.round(s.at.legM * 100) / 100,
        })),
        hose_m: setting.hoseM,
      },
    }),
  };
}
