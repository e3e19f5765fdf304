import { type Attachment, sourceStarts } from '../network/attachments';
import { shortestDistances } from '../network/dijkstra';
import type { Graph, GraphEdge } from '../network/graph';
import { type BuildingAccess, distanceToBuilding } from './access';

export interface TravelSource {
  /** Caller's id (a station id). */
  id: number;
  /** Where the source meets the network (its nearest usable passage). */
  at: Attachment;
  speedKmh: number;
}

export interface Arrival {
  minutes: number;
  sourceId: number;
}

const metresPerMinute = (kmh: number) => (kmh * 1000) / 60;

/**
 * Fastest arrival at each building from any source, each travelling at its own speed: the straight leg to
 * its passage, then along edges `usable` accepts to the building's attachment point (the last stretch to
 * the door is by hose or on foot and not counted). Buildings no source reaches are absent.
 */
export function fastestArrivals(
  graph: Graph,
  sources: readonly TravelSource[],
  buildings: readonly BuildingAccess[],
  usable: (edge: GraphEdge) => boolean,
): Map<number, Arrival> {
  const arrivals = new Map<number, Arrival>();
  const edgeUsable = graph.edges.map(usable);
  for (const source of sources) {
    const distance = shortestDistances(graph, sourceStarts(graph, source.at), usable);
    const onEdge = new Map([[source.at.edge, [source.at]]]);
    const speed = metresPerMinute(source.speedKmh);
    for (const building of buildings) {
      const metres = distanceToBuilding(graph, distance, building, (e) => edgeUsable[e] === true, false, onEdge);
      if (!Number.isFinite(metres)) continue;
      const minutes = metres / speed;
      const best = arrivals.get(building.id);
      if (!best || minutes < best.minutes) arrivals.set(building.id, { minutes, sourceId: source.id });
    }
  }
  return arrivals;
}
