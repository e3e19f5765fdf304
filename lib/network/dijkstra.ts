import { type Graph, type GraphEdge, otherEnd } from './graph';

export interface Source {
  node: number;
  /** Distance already travelled on reaching the node (e.g. the straight leg from a station to it). */
  distance: number;
}

/** A binary min-heap of (distance, node) pairs; stale entries are skipped by the caller. */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Removes the smallest pair; returns [key, value]. */
  pop(): [number, number] {
    const keys = this.keys;
    const values = this.values;
    const top: [number, number] = [keys[0]!, values[0]!];
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        values[i] = values[child]!;
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

/**
 * Multi-source Dijkstra: the shortest network distance (metres) from the nearest source to every node,
 * using only edges `usable` accepts, stopping beyond `limit`. Unreached nodes stay Infinity.
 */
export function shortestDistances(
  graph: Graph,
  sources: readonly Source[],
  usable: (edge: GraphEdge) => boolean = () => true,
  limit = Infinity,
): Float64Array {
  const distance = new Float64Array(graph.nodes.length).fill(Infinity);
  const heap = new MinHeap();
  for (const source of sources) {
    if (source.distance <= limit && source.distance < distance[source.node]!) {
      distance[source.node] = source.distance;
      heap.push(source.distance, source.node);
    }
  }
  const edgeUsable = graph.edges.map(usable);
  while (heap.size > 0) {
    const [d, node] = heap.pop();
    if (d > distance[node]!) continue; // stale entry
    for (const e of graph.nodes[node]!.edges) {
      if (!edgeUsable[e]) continue;
      const edge = graph.edges[e]!;
      const next = otherEnd(edge, node);
      const candidate = d + edge.lengthM;
      if (candidate < distance[next]! && candidate <= limit) {
        distance[next] = candidate;
        heap.push(candidate, next);
      }
    }
  }
  return distance;
}
