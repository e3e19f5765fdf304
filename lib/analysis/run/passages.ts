import { passageGeometries } from '../../../db/queries/analysis/geometry';
import { loadPassageEdges } from '../../../db/queries/analysis/network';
import { openObstacles, passagesInScope } from '../../../db/queries/analysis/passages';
import { buildGraph, edgeAt } from '../../network/graph';
import { findDeadEnds } from '../dead-ends';
import { finding, ruleFields } from '../finding';
import { summarize } from '../summary';
import type { Finding } from '../types';
import type { AnalysisContext, AnalysisOutcome } from './context';
import { geometryFor } from './lookup';

/** 消防车通道: segments too narrow or too low, segments with an open obstacle, long dead ends without a turnaround. */
export async function runPassages({ db, book, options }: AnalysisContext): Promise<AnalysisOutcome> {
  const width = book.one('passage_width');
  const height = book.one('passage_height');
  const obstacle = book.one('passage_obstacle');
  const deadEndRule = book.one('dead_end_length');
  book.one('turnaround_size'); // the size a turnaround must have: cited with dead-end findings
  const edges = await loadPassageEdges(db);
  const graph = buildGraph(edges);
  const scope = await passagesInScope(db, options.villages);
  const inScope = (id: number) => scope === null || scope.has(id);
  const obstacles = await openObstacles(db);

  // A flag names its passages (at least one) and builds its finding once their geometry is read.
  type Flag = { kind: string; passageIds: [number, ...number[]]; build: (geometry: GeoJSON.Geometry) => Finding };
  const flags: Flag[] = [];
  for (const edge of edges) {
    if (!inScope(edge.id)) continue;
    const base = {
      village_code: edge.villageCode,
      passage_id: edge.id,
      passage_code: edge.code,
      length_m: Math.round(edge.lengthM * 100) / 100,
    };
    if (edge.widthM < width.threshold) {
      flags.push({
        kind: 'narrow',
        passageIds: [edge.id],
        build: (g) => finding('passages', 'narrow', ruleFields(width), g, { ...base, measured: edge.widthM }),
      });
    }
    if (edge.heightM !== null && edge.heightM < height.threshold) {
      flags.push({
        kind: 'low',
        passageIds: [edge.id],
        build: (g) => finding('passages', 'low', ruleFields(height), g, { ...base, measured: edge.heightM }),
      });
    }
    const open = obstacles.get(edge.id);
    if (open && open.ids.length > obstacle.threshold) {
      flags.push({
        kind: 'obstacle',
        passageIds: [edge.id],
        build: (g) =>
          finding('passages', 'obstacle', ruleFields(obstacle), g, {
            ...base,
            measured: open.ids.length,
            obstacle_ids: open.ids,
            obstacle_codes: open.codes,
          }),
      });
    }
  }
  for (const deadEnd of findDeadEnds(graph)) {
    if (deadEnd.lengthM <= deadEndRule.threshold || deadEnd.hasTurnaround) continue;
    const [terminal, ...inwards] = deadEnd.edges.map((e) => edgeAt(graph, e));
    if (terminal === undefined) continue;
    const chain = [terminal, ...inwards];
    if (!chain.some((edge) => inScope(edge.id))) continue;
    flags.push({
      kind: 'dead_end',
      passageIds: [terminal.id, ...inwards.map((edge) => edge.id)],
      build: (g) =>
        finding('passages', 'dead_end', ruleFields(deadEndRule), g, {
          measured: deadEnd.lengthM,
          village_code: terminal.villageCode ?? chain.find((edge) => edge.villageCode !== null)?.villageCode ?? null,
          passage_id: terminal.id,
          passage_code: terminal.code,
          passage_ids: chain.map((edge) => edge.id),
          has_turnaround: false,
        }),
    });
  }

  const geometries = await passageGeometries(db, [...new Set(flags.flatMap((f) => f.passageIds))]);
  const features = flags.map((flag) => {
    const line = (id: number) => geometryFor(geometries, id, 'passage') as GeoJSON.LineString;
    const [firstId, ...moreIds] = flag.passageIds;
    const geometry: GeoJSON.Geometry =
      moreIds.length === 0 ? line(firstId) : { type: 'MultiLineString', coordinates: flag.passageIds.map((id) => line(id).coordinates) };
    return flag.build(geometry);
  });
  return { features, summary: summarize(features) };
}
