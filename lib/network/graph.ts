/**
 * A graph of the passage network. Nodes are the exact shared endpoints of passages (the data set is noded:
 * lines meet only at their end points, which are bit-identical in EPSG:4326), edges are passages with their
 * length in metres (EPSG:4546) and what a fire truck needs to know about them. Where other features meet
 * the network is worked out in PostGIS (lib/network/attachments.ts). Built in JS from rows the
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
  const byKey = new Map<string, number>();
  const nodeAt = (lonLat: Point): number => {
    const key = nodeKey(lonLat);
    let index = byKey.get(key);
    if (index === undefined) {
      index = nodes.length;
      byKey.set(key, index);
      nodes.push({ index, edges: [] });
    }
    return index;
  };
  const edges: GraphEdge[] = [];
  const edgeIndexById = new Map<number, number>();
  for (const passage of passages) {
    const index = edges.length;
    const a = nodeAt(passage.start);
    const b = nodeAt(passage.end);
    edges.push({ ...passage, index, a, b });
    edgeIndexById.set(passage.id, index);
    nodes[a]!.edges.push(index);
    nodes[b]!.edges.push(index);
  }
  return { nodes, edges, edgeIndexById };
}

/** The node at the other end of an edge. */
export function otherEnd(edge: GraphEdge, node: number): number {
  return edge.a === node ? edge.b : edge.a;
}

/** Number of edge ends at a node, counting only edges `include` accepts (a loop counts twice). */
export function degree(graph: Graph, node: number, include: (edge: GraphEdge) => boolean = () => true): number {
  return graph.nodes[node]!.edges.filter((e) => include(graph.edges[e]!)).length;
}
