// Passages: noded road edges with their contract attributes, plus a spatial index of their corridors
// (centreline buffered by half the clear width) that buildings and stacks must keep out of.

import { distance, type Pt, pointAlong, polylineLength, ringSegmentDistance } from './geometry';
import { at } from './list';
import { largestComponent, nodeLines } from './noding';
import type { Rng } from './prng';
import { type Box, GridIndex } from './spatial-index';
import type { Passage, RawLine } from './types';
import type { VillageLocator } from './villages';

export interface PassageNetwork {
  passages: Passage[];
  nodes: Pt[];
  degree: number[];
  corridors: CorridorIndex;
}

interface CorridorPiece {
  passage: number;
  a: Pt;
  b: Pt;
  halfWidth: number;
}

/** Centreline pieces of every passage, for "does this footprint stay clear of all roads?" tests. */
export class CorridorIndex {
  readonly pieces: CorridorPiece[] = [];
  private readonly index = new GridIndex(25);

  add(passage: number, points: readonly Pt[], halfWidth: number): void {
    for (let k = 1; k < points.length; k++) {
      const a = at(points, k - 1);
      const b = at(points, k);
      const id = this.pieces.length;
      this.pieces.push({ passage, a, b, halfWidth });
      const pad = halfWidth + 1;
      this.index.insert(id, {
        minX: Math.min(a[0], b[0]) - pad,
        minY: Math.min(a[1], b[1]) - pad,
        maxX: Math.max(a[0], b[0]) + pad,
        maxY: Math.max(a[1], b[1]) + pad,
      });
    }
  }

  /** True when the ring keeps at least margin metres outside every corridor. */
  clear(ring: readonly Pt[], box: Box, margin: number): boolean {
    let ok = true;
    this.index.query({ minX: box.minX - margin, minY: box.minY - margin, maxX: box.maxX + margin, maxY: box.maxY + margin }, (id) => {
      const piece = at(this.pieces, id);
      if (ringSegmentDistance(ring, piece.a, piece.b) < piece.halfWidth + margin) {
        ok = false;
        return true;
      }
    });
    return ok;
  }

  /** Passages whose corridor the ring overlaps. */
  overlapping(ring: readonly Pt[], box: Box): number[] {
    const hits = new Set<number>();
    this.index.query(box, (id) => {
      const piece = at(this.pieces, id);
      if (ringSegmentDistance(ring, piece.a, piece.b) < piece.halfWidth) hits.add(piece.passage);
    });
    return [...hits].sort((a, b) => a - b);
  }
}

export function buildPassages(lines: RawLine[], cutters: [Pt, Pt][], locator: VillageLocator, rng: Rng): PassageNetwork {
  const network = largestComponent(nodeLines(lines, cutters));
  const degree = new Array<number>(network.nodes.length).fill(0);
  for (const edge of network.edges) {
    degree[edge.nodeA] = at(degree, edge.nodeA) + 1;
    degree[edge.nodeB] = at(degree, edge.nodeB) + 1;
  }
  // Order: by owning village, then by line order (stable), so codes group per village.
  const order = network.edges.map((_, i) => i);
  const ownerOf = (i: number) => {
    const owner = at(lines, at(network.edges, i).line).owner;
    return owner < 0 ? 1e9 : owner;
  };
  order.sort((a, b) => ownerOf(a) - ownerOf(b) || a - b);

  const passages: Passage[] = order.map((edgeIndex, index) => {
    const edge = at(network.edges, edgeIndex);
    const line = at(lines, edge.line);
    const length = polylineLength(edge.points);
    const middle = pointAlong(edge.points, length / 2).point;
    const deadEnd = degree[edge.nodeA] === 1 || degree[edge.nodeB] === 1;
    const r = rng.fork(`passage:${edgeIndex}`);
    let hasTurnaround = false;
    if (deadEnd && length > 40) {
      if (line.farmAccess) hasTurnaround = r.chance(0.5);
      else if (line.cls === 'field_road') hasTurnaround = r.chance(0.12);
      else hasTurnaround = r.chance(0.3);
    }
    return {
      index,
      code: `P${String(index + 1).padStart(5, '0')}`,
      points: edge.points.slice(),
      name: line.name,
      villageIndex: locator.locate(middle),
      cls: line.cls,
      width: line.width,
      clearHeight: line.clearHeight,
      surface: line.surface,
      hasTurnaround,
      slope: line.slope,
      zone: line.zone,
      length,
      nodeA: edge.nodeA,
      nodeB: edge.nodeB,
      owner: line.owner,
      farmAccess: line.farmAccess === true && (degree[edge.nodeA] === 1 || degree[edge.nodeB] === 1),
    };
  });

  const corridors = new CorridorIndex();
  for (const passage of passages) corridors.add(passage.index, passage.points, passage.width / 2);
  return { passages, nodes: network.nodes, degree, corridors };
}

/** Insert a vertex into a passage at a distance along it (so a point feature can lie exactly on it). */
export function insertVertex(passage: Passage, along: number): Pt {
  const { point, segment } = pointAlong(passage.points, along);
  const a = at(passage.points, segment);
  const b = at(passage.points, segment + 1);
  if (distance(point, a) < 0.5) return a;
  if (distance(point, b) < 0.5) return b;
  passage.points.splice(segment + 1, 0, point);
  return point;
}
