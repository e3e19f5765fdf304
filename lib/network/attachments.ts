import type { Source } from './dijkstra';
import { edgeAt, type Graph } from './graph';

/**
 * Where a feature meets the network: a passage, the straight leg from the feature to the passage's closest
 * point (metres), and where that point lies along the passage (0 = start, 1 = end, by EPSG:4546 length).
 */
export interface Attachment {
  edge: number;
  legM: number;
  fraction: number;
}

/** A source on an edge enters the graph at both ends of it: the leg plus the stretch along the edge. */
export function sourceStarts(graph: Graph, source: Attachment): Source[] {
  const edge = edgeAt(graph, source.edge);
  return [
    { node: edge.a, distance: source.legM + source.fraction * edge.lengthM },
    { node: edge.b, distance: source.legM + (1 - source.fraction) * edge.lengthM },
  ];
}

/**
 * Network distance to an attachment point, given node distances: along the edge from whichever end is
 * closer, or straight along it from a source on the same edge. The caller checks the edge may be travelled.
 */
export function distanceToAttachment(
  graph: Graph,
  nodeDistance: Float64Array,
  attachment: Attachment,
  sourcesOnEdge: readonly Attachment[] = [],
): number {
  const edge = edgeAt(graph, attachment.edge);
  const fromA = nodeDistance[edge.a];
  const fromB = nodeDistance[edge.b];
  if (fromA === undefined || fromB === undefined) throw new RangeError('the node distances are not of this graph');
  let best = Math.min(fromA + attachment.fraction * edge.lengthM, fromB + (1 - attachment.fraction) * edge.lengthM);
  for (const source of sourcesOnEdge) {
    best = Math.min(best, source.legM + Math.abs(source.fraction - attachment.fraction) * edge.lengthM);
  }
  return best;
}

/** Sources grouped by the edge they sit on, for the same-edge case of `distanceToAttachment`. */
export function sourcesByEdge(sources: readonly Attachment[]): Map<number, Attachment[]> {
  const map = new Map<number, Attachment[]>();
  for (const source of sources) {
    const list = map.get(source.edge);
    if (list) list.push(source);
    else map.set(source.edge, [source]);
  }
  return map;
}
