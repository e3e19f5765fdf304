import { edgeAt, type Graph } from '../network/graph';
import { type ImpassableReason, impassableReasons, type TruckLimits } from '../network/truck';
import { UnionFind } from '../network/union-find';
import type { BuildingAccess } from './access';

/**
 * Truck reachability. The truck graph is the passable passages (wide and high enough, no open obstacle);
 * the brigade and county station enter it at their snapped nodes. A building has truck access when a
 * passable passage connected to a source lies within the hose distance of its footprint (every attachment
 * already is: attachments are collected within that radius).
 */
export interface ReachabilityInput {
  graph: Graph;
  limits: TruckLimits;
  /** Nodes the sources were snapped to. */
  sourceNodes: readonly number[];
  buildings: readonly BuildingAccess[];
}

export interface UnreachableBuilding {
  id: number;
  villageCode: string;
  /** `cut_off`: lanes within hose distance, but no truck gets to them; `beyond_hose`: no passage that close at all. */
  reason: 'cut_off' | 'beyond_hose';
}

export interface BlockedSegment {
  edge: number;
  /** Never empty: the segment is blocked for at least one reason. */
  reasons: [ImpassableReason, ...ImpassableReason[]];
  /** Buildings that would gain truck access if only this segment were made passable. */
  cutOff: number[];
}

export interface ReachabilityResult {
  passable: boolean[];
  /** Edges a truck can drive: passable and connected to a source. */
  reachableEdge: boolean[];
  unreachable: UnreachableBuilding[];
  /** Impassable segments that cut buildings off, most buildings first. */
  blocked: BlockedSegment[];
}

export function analyseReachability({ graph, limits, sourceNodes, buildings }: ReachabilityInput): ReachabilityResult {
  const reasons = graph.edges.map((edge) => impassableReasons(edge, limits));
  const passable = reasons.map((r) => r.length === 0);
  const components = new UnionFind(graph.nodes.length);
  graph.edges.forEach((edge, e) => passable[e] && components.union(edge.a, edge.b));
  const reachableRoots = new Set(sourceNodes.map((node) => components.find(node)));
  const rootReachable = (node: number) => reachableRoots.has(components.find(node));
  const reachableEdge = graph.edges.map((edge, e) => passable[e] === true && rootReachable(edge.a));

  // Who each fix would help: a building waits on the unreachable component of a passable lane next to it,
  // or on an impassable lane next to it being cleared itself.
  const waitingOnComponent = new Map<number, Set<number>>();
  const waitingOnEdge = new Map<number, Set<number>>();
  const add = (map: Map<number, Set<number>>, key: number, id: number) => {
    const set = map.get(key);
    if (set) set.add(id);
    else map.set(key, new Set([id]));
  };
  const unreachable: UnreachableBuilding[] = [];
  for (const building of buildings) {
    if (building.attachments.some((a) => reachableEdge[a.edge])) continue;
    unreachable.push({
      id: building.id,
      villageCode: building.villageCode,
      reason: building.attachments.length > 0 ? 'cut_off' : 'beyond_hose',
    });
    for (const { edge } of building.attachments) {
      if (passable[edge]) add(waitingOnComponent, components.find(edgeAt(graph, edge).a), building.id);
      else add(waitingOnEdge, edge, building.id);
    }
  }

  const blocked: BlockedSegment[] = [];
  reasons.forEach(([first, ...more], e) => {
    if (first === undefined) return; // passable
    const edge = edgeAt(graph, e);
    const rootA = components.find(edge.a);
    const rootB = components.find(edge.b);
    const reachableA = reachableRoots.has(rootA);
    const reachableB = reachableRoots.has(rootB);
    const cutOff = new Set<number>();
    if (reachableA || reachableB) {
      for (const id of waitingOnEdge.get(e) ?? []) cutOff.add(id);
      if (!reachableA) for (const id of waitingOnComponent.get(rootA) ?? []) cutOff.add(id);
      if (!reachableB) for (const id of waitingOnComponent.get(rootB) ?? []) cutOff.add(id);
    }
    blocked.push({ edge: e, reasons: [first, ...more], cutOff: [...cutOff].sort((x, y) => x - y) });
  });
  blocked.sort((x, y) => y.cutOff.length - x.cutOff.length || edgeAt(graph, x.edge).id - edgeAt(graph, y.edge).id);
  return { passable, reachableEdge, unreachable, blocked };
}
