import { type Kysely, sql } from 'kysely';
import { findDeadEnds } from '../../../lib/analysis/dead-ends';
import { finding, parseGeometry, ruleFields } from '../../../lib/analysis/finding';
import { summarize } from '../../../lib/analysis/summary';
import type { Finding } from '../../../lib/analysis/types';
import { buildGraph } from '../../../lib/network/graph';
import type { Database } from '../../schema';
import type { AnalysisContext } from './context';
import { passageGeometries } from './geometry';
import { loadPassageEdges } from './network';

/**
 * Passages in the selected villages: their own village, or for town roads (no village) lying in one.
 * Empty selection: all.
 */
export async function passagesInScope(db: Kysely<Database>, villages: readonly string[]): Promise<Set<number> | null> {
  if (villages.length === 0) return null;
  const result = await sql<{ id: number }>`
    SELECT p.id FROM passages p
    WHERE p.village_code = ANY(${[...villages]}::text[]) OR (p.village_code IS NULL AND EXISTS (
      SELECT 1 FROM villages v WHERE v.code = ANY(${[...villages]}::text[]) AND ST_Intersects(v.geom, p.geom)))`.execute(db);
  return new Set(result.rows.map((r) => r.id));
}

export async function openObstacles(db: Kysely<Database>): Promise<Map<number, { ids: number[]; codes: string[] }>> {
  const result = await sql<{ passage_id: number; ids: number[]; codes: string[] }>`
    SELECT passage_id, array_agg(id ORDER BY id) AS ids, array_agg(code ORDER BY id) AS codes
    FROM obstacles WHERE status = 'open' GROUP BY passage_id`.execute(db);
  return new Map(result.rows.map((r) => [r.passage_id, { ids: r.ids, codes: r.codes }]));
}

/** 消防车通道: segments too narrow or too low, segments with an open obstacle, long dead ends without a turnaround. */
export async function runPassages({ db, book, options }: AnalysisContext) {
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

  type Flag = { kind: string; passageIds: number[]; build: (geometry: GeoJSON.Geometry) => Finding };
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
    const chain = deadEnd.edges.map((e) => graph.edges[e]!);
    const terminal = chain[0]!;
    if (!chain.some((edge) => inScope(edge.id))) continue;
    flags.push({
      kind: 'dead_end',
      passageIds: chain.map((edge) => edge.id),
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
    const lines = flag.passageIds.map((id) => parseGeometry(geometries.get(id)!) as GeoJSON.LineString);
    const geometry: GeoJSON.Geometry =
      lines.length === 1 ? lines[0]! : { type: 'MultiLineString', coordinates: lines.map((l) => l.coordinates) };
    return flag.build(geometry);
  });
  return { features, summary: summarize(features) };
}
