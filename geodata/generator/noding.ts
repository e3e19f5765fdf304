// Planar noding: split every road line where it meets another road or a village boundary, snap meeting
// points to shared nodes, and cut the lines into node-to-node edges. Edge end points are the node
// coordinates themselves, so a graph can be rebuilt from the output by exact endpoint equality.

import { distance, type Pt, segmentIntersection } from './geometry';
import { at } from './list';
import { GridIndex } from './spatial-index';
import type { RawLine } from './types';

export interface Edge {
  line: number;
  nodeA: number;
  nodeB: number;
  points: Pt[];
}

export interface NodedNetwork {
  nodes: Pt[];
  edges: Edge[];
}

const SNAP_M = 0.3;
const CELL_M = 80;

interface Segment {
  line: number; // -1 for a cutter (village boundary)
  k: number;
  a: Pt;
  b: Pt;
}

export function nodeLines(lines: readonly RawLine[], cutters: readonly [Pt, Pt][]): NodedNetwork {
  const segments: Segment[] = [];
  const firstSegment: number[] = [];
  lines.forEach((line, l) => {
    firstSegment.push(segments.length);
    for (let k = 0; k < line.points.length - 1; k++) segments.push({ line: l, k, a: at(line.points, k), b: at(line.points, k + 1) });
  });
  for (const [a, b] of cutters) segments.push({ line: -1, k: 0, a, b });

  const index = new GridIndex(CELL_M);
  segments.forEach((seg, id) => {
    const pieces = Math.max(1, Math.ceil(distance(seg.a, seg.b) / CELL_M));
    for (let p = 0; p < pieces; p++) {
      const t0 = p / pieces;
      const t1 = (p + 1) / pieces;
      const x0 = seg.a[0] + (seg.b[0] - seg.a[0]) * t0;
      const y0 = seg.a[1] + (seg.b[1] - seg.a[1]) * t0;
      const x1 = seg.a[0] + (seg.b[0] - seg.a[0]) * t1;
      const y1 = seg.a[1] + (seg.b[1] - seg.a[1]) * t1;
      index.insert(id, {
        minX: Math.min(x0, x1) - 0.5,
        minY: Math.min(y0, y1) - 0.5,
        maxX: Math.max(x0, x1) + 0.5,
        maxY: Math.max(y0, y1) + 0.5,
      });
    }
  });

  const splits = new Map<number, number[]>();
  const addSplit = (id: number, t: number) => {
    const list = splits.get(id);
    if (list) list.push(t);
    else splits.set(id, [t]);
  };
  const tested = new Set<number>();
  const total = segments.length;
  index.forEachCell((ids) => {
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const i = Math.min(at(ids, x), at(ids, y));
        const j = Math.max(at(ids, x), at(ids, y));
        if (i === j) continue;
        const s = at(segments, i);
        const r = at(segments, j);
        if (s.line === -1 && r.line === -1) continue;
        if (s.line === r.line && s.line !== -1) continue;
        const key = i * total + j;
        if (tested.has(key)) continue;
        tested.add(key);
        const hit = segmentIntersection(s.a, s.b, r.a, r.b);
        if (!hit) continue;
        if (s.line !== -1) addSplit(i, hit.t);
        if (r.line !== -1) addSplit(j, hit.u);
      }
    }
  });

  // Nodes: snap within SNAP_M, first come first served (deterministic order).
  const nodes: Pt[] = [];
  const nodeIndex = new GridIndex(5);
  const nodeAt = (p: Pt): number => {
    let found = -1;
    let best = SNAP_M;
    nodeIndex.query({ minX: p[0] - SNAP_M, minY: p[1] - SNAP_M, maxX: p[0] + SNAP_M, maxY: p[1] + SNAP_M }, (id) => {
      const d = distance(at(nodes, id), p);
      if (d <= best) {
        best = d;
        found = id;
      }
    });
    if (found >= 0) return found;
    nodes.push(p);
    nodeIndex.insert(nodes.length - 1, { minX: p[0], minY: p[1], maxX: p[0], maxY: p[1] });
    return nodes.length - 1;
  };

  const edges: Edge[] = [];
  lines.forEach((line, l) => {
    const marks: { p: Pt; node: boolean }[] = [{ p: at(line.points, 0), node: true }];
    for (let k = 0; k < line.points.length - 1; k++) {
      const id = at(firstSegment, l) + k;
      const seg = at(segments, id);
      let endIsNode = k === line.points.length - 2;
      const ts = (splits.get(id) ?? []).slice().sort((p, q) => p - q);
      for (const t of ts) {
        if (t * distance(seg.a, seg.b) < SNAP_M) at(marks, marks.length - 1).node = true;
        else if ((1 - t) * distance(seg.a, seg.b) < SNAP_M) endIsNode = true;
        else marks.push({ p: [seg.a[0] + (seg.b[0] - seg.a[0]) * t, seg.a[1] + (seg.b[1] - seg.a[1]) * t], node: true });
      }
      marks.push({ p: seg.b, node: endIsNode });
    }
    let startNode = -1;
    let interior: Pt[] = [];
    for (const mark of marks) {
      if (!mark.node) {
        interior.push(mark.p);
        continue;
      }
      const id = nodeAt(mark.p);
      if (startNode >= 0 && !(id === startNode && interior.length === 0)) {
        const a = at(nodes, startNode);
        const b = at(nodes, id);
        const points: Pt[] = [a];
        for (const p of interior) {
          if (distance(p, at(points, points.length - 1)) > SNAP_M && distance(p, b) > SNAP_M) points.push(p);
        }
        points.push(b);
        if (!(id === startNode && points.length < 4)) edges.push({ line: l, nodeA: startNode, nodeB: id, points });
      }
      startNode = id;
      interior = [];
    }
  });
  return { nodes, edges };
}

/** Keep only the largest connected part (by total length). */
export function largestComponent(network: NodedNetwork): NodedNetwork {
  const parent = network.nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = at(parent, at(parent, i));
      i = at(parent, i);
    }
    return i;
  };
  for (const edge of network.edges) {
    const a = find(edge.nodeA);
    const b = find(edge.nodeB);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const lengthByRoot = new Map<number, number>();
  for (const edge of network.edges) {
    const root = find(edge.nodeA);
    let length = 0;
    for (let i = 1; i < edge.points.length; i++) length += distance(at(edge.points, i - 1), at(edge.points, i));
    lengthByRoot.set(root, (lengthByRoot.get(root) ?? 0) + length);
  }
  let bestRoot = -1;
  let bestLength = -1;
  for (const [root, length] of lengthByRoot) {
    if (length > bestLength) {
      bestLength = length;
      bestRoot = root;
    }
  }
  return { nodes: network.nodes, edges: network.edges.filter((edge) => find(edge.nodeA) === bestRoot) };
}
