import { type BuildingAccess, distanceToBuilding } from '../analysis/access';
import { findDeadEnds } from '../analysis/dead-ends';
import { analyseReachability } from '../analysis/reachability';
import { fastestArrivals, type TravelSource } from '../analysis/travel';
import { type Attachment, sourceStarts, sourcesByEdge } from '../network/attachments';
import { shortestDistances } from '../network/dijkstra';
import type { Graph } from '../network/graph';
import { impassableReasons, type TruckLimits, truckPassable } from '../network/truck';
import { buildingsByEdge, coveredFrom } from './max-coverage';
import { edgeAt } from './network-lookup';

/**
 * The figures a scenario is judged by, computed with the analyses' own code (lib/analysis, lib/network) on
 * any network — the stored one or a scenario's in-memory one — so before and after are measured alike.
 */
export interface TruckNetwork {
  graph: Graph;
  buildings: readonly BuildingAccess[];
  limits: TruckLimits;
  /** Township brigade and county station, attached to the truck network. */
  sources: readonly TravelSource[];
}

export interface PassageFindingKey {
  key: string;
  kind: 'narrow' | 'low' | 'obstacle' | 'dead_end' | 'blocked_segment';
  passageId: number;
  passageCode: string;
  /** blocked_segment: buildings it cuts off. */
  cutOff?: number;
}

export interface TruckFigures {
  reachable: Set<number>;
  withinTarget: Set<number>;
  findings: Map<string, PassageFindingKey>;
}

/**
 * Buildings a truck reaches (analyseReachability, as the reachability analysis), buildings within the
 * response-time target (fastestArrivals over passable segments, as the response-time analysis), and the
 * passage findings (as the passages analysis: narrow, low, open obstacle, long dead end without a
 * turnaround; and the reachability analysis's blocked segments that cut buildings off).
 */
export function truckFigures(network: TruckNetwork, targetMin: number, deadEndM: number, obstacleThreshold = 0): TruckFigures {
  const { graph, buildings, limits, sources } = network;
  const result = analyseReachability({
    graph,
    limits,
    sourceNodes: sources.map((s) => edgeAt(graph, s.at.edge).a),
    buildings,
  });
  const unreachable = new Set(result.unreachable.map((b) => b.id));
  const reachable = new Set(buildings.filter((b) => !unreachable.has(b.id)).map((b) => b.id));
  const arrivals = fastestArrivals(graph, sources, buildings, (edge) => truckPassable(edge, limits));
  const withinTarget = new Set([...arrivals].filter(([, a]) => a.minutes <= targetMin).map(([id]) => id));

  const findings = new Map<string, PassageFindingKey>();
  const add = (kind: PassageFindingKey['kind'], edgeIndex: number, cutOff?: number) => {
    const edge = edgeAt(graph, edgeIndex);
    const key = `${kind}:${edge.id}`;
    findings.set(key, { key, kind, passageId: edge.id, passageCode: edge.code, ...(cutOff !== undefined ? { cutOff } : {}) });
  };
  for (const edge of graph.edges) {
    const reasons = impassableReasons(edge, limits);
    if (reasons.includes('narrow')) add('narrow', edge.index);
    if (reasons.includes('low')) add('low', edge.index);
    if (edge.openObstacles > obstacleThreshold) add('obstacle', edge.index);
  }
  for (const deadEnd of findDeadEnds(graph)) {
    const [first] = deadEnd.edges;
    if (first !== undefined && deadEnd.lengthM > deadEndM && !deadEnd.hasTurnaround) add('dead_end', first);
  }
  for (const segment of result.blocked) if (segment.cutOff.length > 0) add('blocked_segment', segment.edge, segment.cutOff.length);
  return { reachable, withinTarget, findings };
}

/** The figures a scenario is judged by, before and after. */
export interface Figures {
  buildings: number;
  reachable_by_truck: number;
  within_response_target: number;
  passage_findings: number;
  water_covered?: number;
  station_covered?: number;
}

export const figuresOf = (truck: TruckFigures, buildings: number): Figures => ({
  buildings,
  reachable_by_truck: truck.reachable.size,
  within_response_target: truck.withinTarget.size,
  // The passages analysis's findings; blocked segments are listed in resolved/new findings but not counted
  // (opening one area makes the next segments out of it count as blocking, which is progress, not a new problem).
  passage_findings: [...truck.findings.values()].filter((f) => f.kind !== 'blocked_segment').length,
});

/**
 * Buildings a water source reaches within `radiusM` along the walkable network (every passage), as the
 * water-coverage analysis measures it: source → its passage (straight) → along passages → the building's
 * closest point on a passage → footprint. The network distance is never shorter than the straight line,
 * so a building within it also meets the analysis's straight-line test.
 */
export function waterCovered(
  graph: Graph,
  buildings: readonly BuildingAccess[],
  sources: readonly Attachment[],
  radiusM: number,
): Set<number> {
  const nodeDistance = shortestDistances(
    graph,
    sources.flatMap((at) => sourceStarts(graph, at)),
    () => true,
    radiusM,
  );
  const onEdge = sourcesByEdge(sources);
  const covered = new Set<number>();
  for (const building of buildings) {
    if (distanceToBuilding(graph, nodeDistance, building, () => true, true, onEdge) <= radiusM) covered.add(building.id);
  }
  return covered;
}

/**
 * Buildings a micro station or volunteer team reaches within the time along every passage, as the
 * station-coverage analysis measures it (fastestArrivals: along passages to the building's point on its
 * passage, at the station's own speed). Same distances, but each search stops at the distance the time
 * allows and only the buildings on the edges it reached are checked: arrivals ≤ minutes ⇔ metres ≤ speed × minutes.
 */
export function stationCovered(
  graph: Graph,
  buildings: readonly BuildingAccess[],
  sources: readonly TravelSource[],
  minutes: number,
): Set<number> {
  const byEdge = buildingsByEdge(buildings);
  const covered = new Set<number>();
  for (const source of sources) {
    const limitM = ((source.speedKmh * 1000) / 60) * minutes;
    for (const id of coveredFrom(graph, source.at, byEdge, null, limitM, false)) covered.add(id);
  }
  return covered;
}

export const difference = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] => [...a].filter((x) => !b.has(x));
