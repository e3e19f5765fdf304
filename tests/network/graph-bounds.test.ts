import { describe, expect, it } from 'vitest';
import { distanceToAttachment, sourceStarts } from '../../lib/network/attachments';
import { shortestDistances } from '../../lib/network/dijkstra';
import { buildGraph, degree, edgeAt, nodeAt, type PassageEdgeInput, type Point } from '../../lib/network/graph';
import { UnionFind } from '../../lib/network/union-find';

const passage = (id: number, start: Point, end: Point, lengthM: number): PassageEdgeInput => ({
  id,
  code: `P${id}`,
  villageCode: null,
  start,
  end,
  lengthM,
  widthM: 6,
  heightM: null,
  openObstacles: 0,
  hasTurnaround: false,
});

// Two passages in a line: nodes 0 —1— 1 —2— 2.
const graph = buildGraph([passage(1, [0, 0], [1, 0], 100), passage(2, [1, 0], [2, 0], 50)]);

describe('an index from another graph', () => {
  it('is refused by the edge and node accessors, not read as undefined', () => {
    expect(edgeAt(graph, 1).id).toBe(2);
    expect(nodeAt(graph, 2).edges).toEqual([1]);
    expect(() => edgeAt(graph, 2)).toThrow(RangeError);
    expect(() => nodeAt(graph, 3)).toThrow(RangeError);
    expect(() => degree(graph, 3)).toThrow(RangeError);
    expect(() => sourceStarts(graph, { edge: 5, legM: 0, fraction: 0 })).toThrow(RangeError);
  });

  it('is refused as a search source and as node distances of a smaller graph', () => {
    expect(() => shortestDistances(graph, [{ node: 3, distance: 0 }])).toThrow(RangeError);
    const tooShort = new Float64Array(2);
    expect(() => distanceToAttachment(graph, tooShort, { edge: 1, legM: 0, fraction: 0.5 })).toThrow(RangeError);
  });

  it('is refused by the disjoint sets', () => {
    const sets = new UnionFind(3);
    sets.union(0, 2);
    expect(sets.find(2)).toBe(sets.find(0));
    expect(() => sets.find(3)).toThrow(RangeError);
    expect(() => sets.union(1, -1)).toThrow(RangeError);
  });
});
