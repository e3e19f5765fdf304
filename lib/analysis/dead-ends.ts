import { degree, edgeAt, type Graph, nodeAt, otherEnd } from '../network/graph';

export interface DeadEnd {
  /** The degree-1 node where the lane ends. */
  endNode: number;
  /** Edge indexes from the end inwards, up to the first junction (through nodes where only two passages meet). */
  edges: number[];
  lengthM: number;
  /** The turnaround flag of the passage at the end itself. */
  hasTurnaround: boolean;
}

/**
 * Dead ends of the passage network: a passage whose end node has degree 1. A lane split into several
 * passages (at a village boundary, say) is one dead end, so its length is walked back through nodes of
 * degree 2 to the first junction. A chain with two free ends (an isolated lane) is reported once.
 */
export function findDeadEnds(graph: Graph): DeadEnd[] {
  const deadEnds: DeadEnd[] = [];
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    const [first] = node.edges;
    if (first === undefined || degree(graph, node.index) !== 1) continue;
    const terminal = edgeAt(graph, first);
    const edges: number[] = [];
    let at = node.index;
    let edgeIndex = first;
    let edge = terminal;
    let lengthM = 0;
    const visited = new Set<number>([at]);
    for (;;) {
      edges.push(edgeIndex);
      lengthM += edge.lengthM;
      const next = otherEnd(edge, at);
      if (visited.has(next) || degree(graph, next) !== 2) break;
      visited.add(next);
      const onward = nodeAt(graph, next).edges.find((e) => e !== edgeIndex);
      if (onward === undefined) break;
      at = next;
      edgeIndex = onward;
      edge = edgeAt(graph, onward);
    }
    const key = [...edges].sort((a, b) => a - b).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    deadEnds.push({ endNode: node.index, edges, lengthM, hasTurnaround: terminal.hasTurnaround });
  }
  return deadEnds;
}
