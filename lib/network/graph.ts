/**
 * A graph of the passage network. Nodes are the exact shared endpoints of passages (the data set is noded:
 * lines meet only at their end points, which are bit-identical in EPSG:4326), edges are passages with their
 * length in metres (EPSG:4546) and what a fire truck needs to know about them. Where other features meet
 * the network is worked out in PostGIS (db/queries/analysis/network.ts). Built in JS from rows the
 * database returns, so the same code runs on both engines.
 */
export type Point = [number, number];

export interface PassageEdgeInput {
  id: number;
  code: string;
  villageCode: string | null;
  /** First and last vertex in lon/lat, exactly as stored: node identity. */
  start: Point;
  end: Point;
  lengthM: number;
  widthM: number;
  /** null = unlimited clear height. */
  heightM: number | null;
  openObstacles: number;
  hasTurnaround: boolean;
}

export interface GraphEdge extends PassageEdgeInput {
  index: number;
  a: number;
  b: number;
}

export interface GraphNode {
  index: number;
  /** Edge indexes touching the node (a loop edge appears twice). */
  edges: number[];
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  edgeIndexById: Map<number, number>;
}

const nodeKey = ([lon, lat]: Point) => `${lon},${lat}`;

export function buildGraph(passages: readonly PassageEdgeInput[]): Graph {
  const nodes: GraphNode[] = [];
  const byKey = new Map<string, GraphNode>();
  const nodeFor = (lonLat: Point): GraphNode => {
    const key = nodeKey(lonLat);
    let node = byKey.get(key);
    if (node === undefined) {
      node = { index: nodes.length, edges: [] };
      byKey.set(key, node);
      nodes.push(node);
    }
    return node;
  };
  const edges: GraphEdge[] = [];
  const edgeIndexById = new Map<number, number>();
  for (const passage of passages) {
    const index = edges.length;
    const a = nodeFor(passage.start);
    const b = nodeFor(passage.end);
    edges.push({ ...passage, index, a: a.index, b: b.index });
    edgeIndexById.set(passage.id, index);
    a.edges.push(index);
    b.edges.push(index);
  }
  return { nodes, edges, edgeIndexById };
}

/** The edge at an index; an index from another graph is a bug, so it throws rather than answer undefined. */
export function edgeAt(graph: Graph, index: number): GraphEdge {
  const edge = graph.edges[index];
  if (edge === undefined) throw new RangeError(`edge ${index} is not in the graph (${graph.edges.length} edges)`);
  return edge;
}

/** The node at an index; throws like `edgeAt`. */
export function nodeAt(graph: Graph, index: number): GraphNode {
  const node = graph.nodes[index];
  if (node === undefined) throw new RangeError(`node ${index} is not in the graph (${graph.nodes.length} nodes)`);
  return node;
}

/** The node at the other end of an edge. */
export function otherEnd(edge: GraphEdge, node: number): number {
  return edge.a === node ? edge.b : edge.a;
}

/** Number of edge ends at a node, counting only edges `include` accepts (a loop counts twice). */
export function degree(graph: Graph, node: number, include: (edge: GraphEdge) => boolean = () => true): number {
  return nodeAt(graph, node).edges.filter((e) => include(edgeAt(graph, e))).length;
}
