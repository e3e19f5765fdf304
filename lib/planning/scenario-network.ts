import type { BuildingAccess } from '../analysis/access';
import { buildGraph, type Graph, type PassageEdgeInput, type Point } from '../network/graph';
import { edgeIndexOf } from './network-lookup';

/**
 * A scenario network: the passages as read from the database with the planner's fixes applied in memory.
 * Existing passages keep their order (so their edge indexes, and every building attachment that refers to
 * them, stay valid); new links are appended as edges with negative ids (no database row yet).
 */
export interface NewLink {
  /** Negative: not a stored passage. */
  id: number;
  code: string;
  /** First and last vertex, snapped onto existing passage ends where they were close (exact node identity). */
  start: Point;
  end: Point;
  lengthM: number;
  widthM: number;
  linkClass: string;
  geometry: GeoJSON.LineString;
  /** Buildings within the access (hose) radius of the new link. */
  attachments: { buildingId: number; legM: number; fraction: number }[];
  /** Buildings whose footprint the link runs through (it would need demolition or another line). */
  crossesBuildingIds?: number[];
}

export type ResolvedFix =
  | { kind: 'clear_obstacle'; obstacleId: number; passageId: number }
  | { kind: 'widen'; passageId: number; widthM: number }
  | { kind: 'turnaround'; passageId: number }
  | { kind: 'new_link'; link: NewLink };

/** The passages with the fixes applied (pure: the inputs are not changed). */
export function applyFixes(edges: readonly PassageEdgeInput[], fixes: readonly ResolvedFix[]): PassageEdgeInput[] {
  const byId = new Map<number, PassageEdgeInput>();
  const result = edges.map((edge) => {
    const copy = { ...edge };
    byId.set(copy.id, copy);
    return copy;
  });
  const cleared = new Set<number>();
  for (const fix of fixes) {
    if (fix.kind === 'new_link') {
      const { link } = fix;
      const edge: PassageEdgeInput = {
        id: link.id,
        code: link.code,
        villageCode: null,
        start: link.start,
        end: link.end,
        lengthM: link.lengthM,
        widthM: link.widthM,
        heightM: null,
        openObstacles: 0,
        hasTurnaround: false,
      };
      byId.set(edge.id, edge);
      result.push(edge);
      continue;
    }
    const edge = byId.get(fix.passageId);
    if (!edge) throw new Error(`passage ${fix.passageId} is not in the network`);
    if (fix.kind === 'clear_obstacle') {
      // The same obstacle listed twice clears it once.
      if (cleared.has(fix.obstacleId)) continue;
      cleared.add(fix.obstacleId);
      edge.openObstacles = Math.max(0, edge.openObstacles - 1);
    } else if (fix.kind === 'widen') {
      edge.widthM = Math.max(edge.widthM, fix.widthM);
    } else {
      edge.hasTurnaround = true;
    }
  }
  return result;
}

/** Buildings with their attachments to the new links added (edge indexes of the scenario graph). */
export function withNewLinkAccess(graph: Graph, buildings: readonly BuildingAccess[], fixes: readonly ResolvedFix[]): BuildingAccess[] {
  const extra = new Map<number, BuildingAccess['attachments']>();
  for (const fix of fixes) {
    if (fix.kind !== 'new_link') continue;
    const edge = edgeIndexOf(graph, fix.link.id);
    for (const a of fix.link.attachments) {
      const list = extra.get(a.buildingId) ?? [];
      list.push({ edge, legM: a.legM, fraction: a.fraction });
      extra.set(a.buildingId, list);
    }
  }
  if (extra.size === 0) return [...buildings];
  return buildings.map((b) => {
    const added = extra.get(b.id);
    return added ? { ...b, attachments: [...b.attachments, ...added] } : b;
  });
}

/** The scenario's graph and building access, from the base network's edges and buildings. */
export function scenarioNetwork(edges: readonly PassageEdgeInput[], buildings: readonly BuildingAccess[], fixes: readonly ResolvedFix[]) {
  const graph = buildGraph(applyFixes(edges, fixes));
  return { graph, buildings: withNewLinkAccess(graph, buildings, fixes) };
}
