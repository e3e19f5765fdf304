import { type Graph, type GraphEdge, otherEnd } from './graph';

export interface Source {
  node: number;
  /** Distance already travelled on reaching the node (e.g. the straight leg from a station to it). */
  distance: number;
}

/**
 * A binary min-heap of (distance, node) pairs; stale entries are skipped by the caller. Keys and values
 * live in two parallel arrays of equal length, so a slot read inside the heap is never undefined; the
 * checks below only tell the compiler so.
 */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent];
      const parentValue = values[parent];
      if (parentKey === undefined || parentValue === undefined || parentKey <= key) break;
      keys[i] = parentKey;
      values[i] = parentValue;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Removes the smallest pair and returns [key, value]; undefined when the heap is empty. */
  pop(): [number, number] | undefined {
    const keys = this.keys;
    const values = this.values;
    const topKey = keys[0];
    const topValue = values[0];
    const lastKey = keys.pop();
    const lastValue = values.pop();
    if (topKey === undefined || topValue === undefined || lastKey === undefined || lastValue === undefined) return undefined;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        let childKey = keys[child];
        if (childKey === undefined) break; // no child: i is a leaf
        const rightKey = keys[child + 1];
        if (rightKey !== undefined && rightKey < childKey) {
          child++;
          childKey = rightKey;
        }
        const childValue = values[child];
        if (childValue === undefined || childKey >= lastKey) break;
        keys[i] = childKey;
        values[i] = childValue;
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return [topKey, topValue];
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
    const known = distance[source.node];
    if (known === undefined) throw new RangeError(`source node ${source.node} is not in the graph`);
    if (source.distance <= limit && source.distance < known) {
      distance[source.node] = source.distance;
      heap.push(source.distance, source.node);
    }
  }
  const edgeUsable = graph.edges.map(usable);
  const { nodes, edges } = graph;
  for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
    const [d, node] = top;
    const known = distance[node];
    const around = nodes[node];
    if (known === undefined || around === undefined || d > known) continue; // stale entry
    for (const e of around.edges) {
      const edge = edges[e];
      if (edge === undefined || !edgeUsable[e]) continue;
      const next = otherEnd(edge, node);
      const candidate = d + edge.lengthM;
      const nextKnown = distance[next];
      if (nextKnown !== undefined && candidate < nextKnown && candidate <= limit) {
        distance[next] = candidate;
        heap.push(candidate, next);
      }
    }
  }
  return distance;
}
