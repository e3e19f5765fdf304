import type { Graph, GraphEdge } from '../network/graph';

/**
 * Lookups of a passage in a graph built from the same data: a miss means the network and the rows read
 * with it disagree (the data changed in between), which no caller can answer sensibly, so it throws.
 */
export function edgeIndexOf(graph: Graph, passageId: number): number {
  const index = graph.edgeIndexById.get(passageId);
  if (index === undefined) throw new Error(`passage ${passageId} is not in the network`);
  return index;
}

export function edgeAt(graph: Graph, index: number): GraphEdge {
  const edge = graph.edges[index];
  if (!edge) throw new Error(`edge ${index} is not in the network`);
  return edge;
}
