import { type BuildingAccess, distanceToBuilding } from '../analysis/access';
import type { Attachment } from '../network/attachments';
import { sourceStarts } from '../network/attachments';
import { shortestDistances } from '../network/dijkstra';
import type { Graph } from '../network/graph';

/**
 * Placement suggestions: candidate points every `spacingM` along the usable passages, what each one would
 * cover, and the greedy choice of k sites that cover the most still-uncovered buildings (the classic
 * (1 − 1/e) approximation of maximum coverage), with each site's own gain.
 */
export function candidatePoints(graph: Graph, usable: readonly boolean[], spacingM: number): Attachment[] {
  const points: Attachment[] = [];
  for (const edge of graph.edges) {
    if (!usable[edge.index] || edge.lengthM <= 0) continue;
    const count = Math.max(1, Math.round(edge.lengthM / spacingM));
    for (let i = 0; i < count; i++) points.push({ edge: edge.index, legM: 0, fraction: (i + 0.5) / count });
  }
  return points;
}

const byEdgeCache = new WeakMap<readonly BuildingAccess[], Map<number, BuildingAccess[]>>();

/** Buildings grouped by the edges they attach to: who to check when a search reaches an edge (kept per list). */
export function buildingsByEdge(buildings: readonly BuildingAccess[]): Map<number, BuildingAccess[]> {
  const cached = byEdgeCache.get(buildings);
  if (cached) return cached;
  const map = new Map<number, BuildingAccess[]>();
  for (const building of buildings) {
    for (const { edge } of building.attachments) {
      const list = map.get(edge);
      if (!list) map.set(edge, [building]);
      else if (list[list.length - 1] !== building) list.push(building);
    }
  }
  byEdgeCache.set(buildings, map);
  return map;
}

/**
 * Buildings (of `wanted`, or any when null) within `limitM` of a point on the network, along every passage: the same
 * distance as the coverage analyses (`withLeg`: plus the straight leg to the footprint, for hose reach).
 */
export function coveredFrom(
  graph: Graph,
  at: Attachment,
  byEdge: ReadonlyMap<number, readonly BuildingAccess[]>,
  wanted: ReadonlySet<number> | null,
  limitM: number,
  withLeg: boolean,
): number[] {
  const distance = shortestDistances(graph, sourceStarts(graph, at), () => true, limitM);
  const edges = new Set<number>([at.edge]);
  for (const node of graph.nodes) {
    if ((distance[node.index] ?? Number.POSITIVE_INFINITY) <= limitM) for (const e of node.edges) edges.add(e);
  }
  const onEdge = new Map([[at.edge, [at]]]);
  const covered = new Set<number>();
  for (const e of edges) {
    for (const building of byEdge.get(e) ?? []) {
      if ((wanted && !wanted.has(building.id)) || covered.has(building.id)) continue;
      if (distanceToBuilding(graph, distance, building, () => true, withLeg, onEdge) <= limitM) covered.add(building.id);
    }
  }
  return [...covered].sort((a, b) => a - b);
}

export interface Pick {
  candidate: number;
  /** Buildings this site adds to those the earlier picks already cover. */
  gain: number[];
}

/** Greedy maximum coverage: k picks, each the candidate adding the most; ties go to the lower index. */
export function greedyMaxCoverage(covers: readonly (readonly number[])[], k: number): Pick[] {
  const taken = new Set<number>();
  const picks: Pick[] = [];
  const used = new Set<number>();
  for (let round = 0; round < k; round++) {
    let best = -1;
    let bestGain: number[] = [];
    covers.forEach((set, index) => {
      if (used.has(index) || set.length <= bestGain.length) return;
      const gain = set.filter((id) => !taken.has(id));
      if (gain.length > bestGain.length) {
        best = index;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    used.add(best);
    for (const id of bestGain) taken.add(id);
    picks.push({ candidate: best, gain: bestGain });
  }
  return picks;
}
