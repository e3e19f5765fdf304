import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../geodata/generator/prng';
import { shortestDistances } from '../../lib/network/dijkstra';
import { buildGraph, type PassageEdgeInput } from '../../lib/network/graph';
import { UnionFind } from '../../lib/network/union-find';

/** A random network of `nodes` points (node i at [i, 0]) and `edges` passages, some of them blocked. */
function randomNetwork(seed: number, nodes: number, edges: number) {
  const next = mulberry32(seed);
  const pick = () => Math.floor(next() * nodes);
  const passages: PassageEdgeInput[] = [];
  for (let id = 1; id <= edges; id++) {
    passages.push({
      id,
      code: `P${id}`,
      villageCode: null,
      start: [pick(), 0],
      end: [pick(), 0],
      lengthM: Math.round(next() * 1000) / 10,
      widthM: 6,
      heightM: null,
      openObstacles: next() < 0.2 ? 1 : 0,
      hasTurnaround: false,
    });
  }
  return { passages, next, pick };
}

/** Bellman–Ford over the passage list: an independent answer to the same question (node i is at [i, 0]). */
function relaxedDistances(
  passages: readonly PassageEdgeInput[],
  nodes: number,
  sources: { at: number; distance: number }[],
  limit: number,
) {
  const distance = new Array<number>(nodes).fill(Infinity);
  for (const { at, distance: d } of sources) if (d <= limit) distance[at] = Math.min(distance[at] ?? Infinity, d);
  for (let round = 0; round < nodes; round++) {
    for (const p of passages) {
      if (p.openObstacles > 0) continue;
      const [a, b] = [p.start[0], p.end[0]];
      const viaA = (distance[a] ?? Infinity) + p.lengthM;
      const viaB = (distance[b] ?? Infinity) + p.lengthM;
      if (viaA < (distance[b] ?? Infinity) && viaA <= limit) distance[b] = viaA;
      if (viaB < (distance[a] ?? Infinity) && viaB <= limit) distance[a] = viaB;
    }
  }
  return distance;
}

describe('shortest distances on random networks', () => {
  it('match Bellman–Ford from several sources, over unblocked passages, within a limit', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const nodes = 30;
      const { passages, next, pick } = randomNetwork(seed, nodes, 60);
      const graph = buildGraph(passages);
      const sources = [0, 1, 2].map(() => ({ at: pick(), distance: Math.round(next() * 200) / 10 }));
      const limit = seed % 2 === 0 ? Infinity : 150;
      const nodeOf = new Map(graph.edges.flatMap((edge) => [[edge.start[0], edge.a] as const, [edge.end[0], edge.b] as const]));
      const usedSources = sources.filter((s) => nodeOf.has(s.at));
      const got = shortestDistances(
        graph,
        usedSources.map((s) => ({ node: nodeOf.get(s.at) ?? -1, distance: s.distance })),
        (edge) => edge.openObstacles === 0,
        limit,
      );
      const expected = relaxedDistances(passages, nodes, usedSources, limit);
      for (const [point, node] of nodeOf) expect(got[node], `seed ${seed}, point ${point}`).toBeCloseTo(expected[point] ?? Infinity, 9);
    }
  });
});

describe('disjoint sets on random unions', () => {
  it('put two elements together exactly when a chain of unions joins them', () => {
    const next = mulberry32(7);
    const n = 200;
    const sets = new UnionFind(n);
    const label = Array.from({ length: n }, (_, i) => i); // naive: relabel a whole set on each union
    for (let k = 0; k < 150; k++) {
      const [i, j] = [Math.floor(next() * n), Math.floor(next() * n)];
      sets.union(i, j);
      const [from, to] = [label[j], label[i]];
      for (let x = 0; x < n; x++) if (label[x] === from) label[x] = to ?? x;
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j += 7) expect(sets.find(i) === sets.find(j)).toBe(label[i] === label[j]);
  });
});
