// Village territories: a jittered hexagonal grid of village centres, a Voronoi partition clipped to the town
// outline, shared edges made a little irregular (identically for both neighbours, so nothing overlaps).

import { clipHalfPlane, convexHull, distance, isSimpleRing, type Pt, pointInRing, ringBoundaryDistance } from './geometry';
import { at, at2 } from './list';
import { DEMO_VILLAGE_NAMES, townName, villageName } from './names';
import type { Rng } from './prng';
import { GridIndex } from './spatial-index';

export interface Village {
  index: number;
  code: string;
  name: string;
  townIndex: number;
  townName: string;
  isSeat: boolean;
  center: Pt;
  /** Counter-clockwise ring in local metres (open: first point not repeated). */
  ring: Pt[];
  /** Distance from the centre to the nearest boundary. */
  inradius: number;
  /** Relative size of the settlement (1 = typical village). */
  scale: number;
  population: number;
  households: number;
}

export interface Territory {
  villages: Village[];
  outline: Pt[];
  /** Every village boundary edge once: roads are split where they cross these. */
  boundarySegments: [Pt, Pt][];
}

const GRID_SPACING_M = 1900; // ~3.1 km² per village cell
const TOWN_CODE_DEMO = 104; // 刘胡兰镇 = 141121104
const COUNTY_PREFIX = '141121'; // 文水县

function pickCentres(count: number, rng: Rng): Pt[] {
  const span = Math.ceil(Math.sqrt(count)) + 3;
  const candidates: { p: Pt; rank: number }[] = [];
  const rowHeight = GRID_SPACING_M * 0.866;
  for (let row = -span; row <= span; row++) {
    for (let col = -span; col <= span; col++) {
      const jitter = rng.fork(`centre:${row}:${col}`);
      const x = col * GRID_SPACING_M + (row & 1 ? GRID_SPACING_M / 2 : 0) + jitter.float(-0.2, 0.2) * GRID_SPACING_M;
      const y = row * rowHeight + jitter.float(-0.2, 0.2) * GRID_SPACING_M;
      // a slightly wide (east-west) town, like the plain townships along the Fen River
      candidates.push({ p: [x, y], rank: Math.hypot(x / 1.25, y) + jitter.float(0, 200) });
    }
  }
  candidates.sort((a, b) => a.rank - b.rank || a.p[0] - b.p[0] || a.p[1] - b.p[1]);
  return candidates.slice(0, count).map((c) => c.p);
}

function townOutline(centres: Pt[], rng: Rng): Pt[] {
  const points: Pt[] = [];
  centres.forEach((c, i) => {
    const local = rng.fork(`outline:${i}`);
    for (let k = 0; k < 10; k++) {
      const angle = (k / 10) * Math.PI * 2 + local.float(0, 0.3);
      const radius = GRID_SPACING_M * local.float(0.5, 0.62);
      points.push([c[0] + Math.cos(angle) * radius, c[1] + Math.sin(angle) * radius]);
    }
  });
  return convexHull(points);
}

/** Group villages into townships (county-scale runs): k-means from a farthest-point start. */
function townships(centres: Pt[], count: number): number[] {
  const assignment = new Array<number>(centres.length).fill(0);
  if (count <= 1) return assignment;
  let first = 0;
  centres.forEach((c, i) => {
    if (Math.hypot(c[0], c[1]) < Math.hypot(at2(centres, first, 0), at2(centres, first, 1))) first = i;
  });
  const means: Pt[] = [at(centres, first)];
  while (means.length < count) {
    let best = 0;
    let bestDistance = -1;
    centres.forEach((c, i) => {
      const d = Math.min(...means.map((m) => distance(m, c)));
      if (d > bestDistance) {
        bestDistance = d;
        best = i;
      }
    });
    means.push(at(centres, best));
  }
  for (let iteration = 0; iteration < 12; iteration++) {
    centres.forEach((c, i) => {
      let best = 0;
      means.forEach((m, k) => {
        if (distance(m, c) < distance(at(means, best), c)) best = k;
      });
      assignment[i] = best;
    });
    for (let k = 1; k < means.length; k++) {
      const members = centres.filter((_, i) => assignment[i] === k);
      if (members.length === 0) continue;
      means[k] = [members.reduce((s, p) => s + p[0], 0) / members.length, members.reduce((s, p) => s + p[1], 0) / members.length];
    }
    // cluster 0 keeps the village nearest the origin: that is 刘胡兰镇 itself
  }
  return assignment;
}

function midpointWiggle(a: Pt, b: Pt, depth: number, rng: Rng, out: Pt[]): void {
  if (depth === 0) return;
  const length = distance(a, b);
  const nx = -(b[1] - a[1]) / length;
  const ny = (b[0] - a[0]) / length;
  const offset = rng.float(-0.08, 0.08) * length;
  const mid: Pt = [(a[0] + b[0]) / 2 + nx * offset, (a[1] + b[1]) / 2 + ny * offset];
  midpointWiggle(a, mid, depth - 1, rng, out);
  out.push(mid);
  midpointWiggle(mid, b, depth - 1, rng, out);
}

export function buildVillages(count: number, county: boolean, rng: Rng): Territory {
  const centres = pickCentres(count, rng.fork('centres'));
  const outline = townOutline(centres, rng.fork('outline'));

  // Voronoi cells by clipping the (convex) outline with perpendicular bisectors.
  const cells: Pt[][] = centres.map((c, i) => {
    let cell = outline.slice();
    centres.forEach((other, j) => {
      if (i === j || distance(c, other) > GRID_SPACING_M * 3.2) return;
      const mid: Pt = [(c[0] + other[0]) / 2, (c[1] + other[1]) / 2];
      cell = clipHalfPlane(cell, mid, [other[0] - c[0], other[1] - c[1]]);
    });
    return cell;
  });

  // Snap vertices that neighbours computed separately to one shared vertex.
  const vertices: Pt[] = [];
  const vertexIndex = new GridIndex(5);
  const snap = (p: Pt): number => {
    let found = -1;
    vertexIndex.query({ minX: p[0] - 0.05, minY: p[1] - 0.05, maxX: p[0] + 0.05, maxY: p[1] + 0.05 }, (id) => {
      if (distance(at(vertices, id), p) <= 0.05) {
        found = id;
        return true;
      }
    });
    if (found >= 0) return found;
    vertices.push(p);
    vertexIndex.insert(vertices.length - 1, { minX: p[0], minY: p[1], maxX: p[0], maxY: p[1] });
    return vertices.length - 1;
  };
  const cellIds = cells.map((cell) => {
    const ids = cell.map(snap);
    return ids.filter((id, k) => id !== ids[(k + ids.length - 1) % ids.length]);
  });

  // Irregular shared edges: the wiggle of an edge depends only on its two vertex ids.
  const straight = new Set<string>();
  const edgeKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
  const wiggleCache = new Map<string, Pt[]>();
  const edgePoints = (a: number, b: number): Pt[] => {
    const key = edgeKey(a, b);
    let points = wiggleCache.get(key);
    if (!points) {
      points = [];
      if (!straight.has(key)) {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const length = distance(at(vertices, lo), at(vertices, hi));
        const depth = length > 900 ? 3 : length > 300 ? 2 : length > 80 ? 1 : 0;
        midpointWiggle(at(vertices, lo), at(vertices, hi), depth, rng.fork(`edge:${key}`), points);
      }
      wiggleCache.set(key, points);
    }
    return a < b ? points : points.slice().reverse();
  };
  const buildRing = (ids: number[]): Pt[] => {
    const ring: Pt[] = [];
    for (let k = 0; k < ids.length; k++) {
      const a = at(ids, k);
      const b = at(ids, (k + 1) % ids.length);
      ring.push(at(vertices, a), ...edgePoints(a, b));
    }
    return ring;
  };
  let rings = cellIds.map(buildRing);
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    rings.forEach((ring, i) => {
      if (isSimpleRing(ring) && ringBoundaryDistance(at(centres, i), ring) > 500) return;
      const ids = at(cellIds, i);
      for (let k = 0; k < ids.length; k++) straight.add(edgeKey(at(ids, k), at(ids, (k + 1) % ids.length)));
      changed = true;
    });
    if (!changed) break;
    wiggleCache.clear();
    rings = cellIds.map(buildRing);
  }

  // Township grouping, seats, names and codes.
  const townCount = county ? Math.max(1, Math.round(count / 17)) : 1;
  const townOf = townships(centres, townCount);
  const seatOf = new Map<number, number>();
  for (let t = 0; t < townCount; t++) {
    const members = centres.map((c, i) => ({ c, i })).filter((m) => townOf[m.i] === t);
    if (members.length === 0) continue;
    const mean: Pt = [members.reduce((s, m) => s + m.c[0], 0) / members.length, members.reduce((s, m) => s + m.c[1], 0) / members.length];
    const target: Pt = t === 0 ? [0, 0] : mean;
    let seat = at(members, 0).i;
    for (const m of members) if (distance(m.c, target) < distance(at(centres, seat), target)) seat = m.i;
    seatOf.set(t, seat);
  }

  const order = centres.map((_, i) => i);
  order.sort((a, b) => {
    if (townOf[a] !== townOf[b]) return at(townOf, a) - at(townOf, b);
    const seatA = seatOf.get(at(townOf, a)) === a ? 0 : 1;
    const seatB = seatOf.get(at(townOf, b)) === b ? 0 : 1;
    if (seatA !== seatB) return seatA - seatB;
    const rowA = Math.round(-at2(centres, a, 1) / 1000);
    const rowB = Math.round(-at2(centres, b, 1) / 1000);
    return rowA - rowB || at2(centres, a, 0) - at2(centres, b, 0);
  });

  const townCodes: number[] = [TOWN_CODE_DEMO];
  for (let code = 101; townCodes.length < townCount; code++) if (code !== TOWN_CODE_DEMO) townCodes.push(code);

  const usedNames = new Set<string>(DEMO_VILLAGE_NAMES);
  const namesRng = rng.fork('names');
  const perTown = new Map<number, number>();
  const villages: Village[] = order.map((original, index) => {
    const town = at(townOf, original);
    const serial = perTown.get(town) ?? 0;
    perTown.set(town, serial + 1);
    const isSeat = seatOf.get(town) === original;
    const name = town === 0 && serial < DEMO_VILLAGE_NAMES.length ? at(DEMO_VILLAGE_NAMES, serial) : villageName(namesRng, usedNames);
    const scaleRng = rng.fork(`scale:${original}`);
    return {
      index,
      code: `${COUNTY_PREFIX}${at(townCodes, town)}${200 + serial + 1}`,
      name,
      townIndex: town,
      townName: townName(town),
      isSeat,
      center: at(centres, original),
      ring: at(rings, original),
      inradius: ringBoundaryDistance(at(centres, original), at(rings, original)),
      scale: isSeat ? 1.25 : scaleRng.float(0.78, 1.12) * (county ? 1.12 : 1),
      population: 0,
      households: 0,
    };
  });

  const boundarySegments: [Pt, Pt][] = [];
  const seen = new Set<string>();
  for (const ring of rings) {
    for (let k = 0; k < ring.length; k++) {
      const a = at(ring, k);
      const b = at(ring, (k + 1) % ring.length);
      const key = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? `${a[0]},${a[1]},${b[0]},${b[1]}` : `${b[0]},${b[1]},${a[0]},${a[1]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      boundarySegments.push([a, b]);
    }
  }
  return { villages, outline, boundarySegments };
}

/** Village index containing a point, or -1. Uses bounding boxes first. */
export class VillageLocator {
  private readonly boxes: { minX: number; minY: number; maxX: number; maxY: number }[];

  constructor(private readonly villages: readonly Village[]) {
    this.boxes = villages.map((v) => {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const [x, y] of v.ring) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
      return { minX, minY, maxX, maxY };
    });
  }

  locate(p: Pt): number {
    for (let i = 0; i < this.villages.length; i++) {
      const box = at(this.boxes, i);
      if (p[0] < box.minX || p[0] > box.maxX || p[1] < box.minY || p[1] > box.maxY) continue;
      if (pointInRing(p, at(this.villages, i).ring)) return i;
    }
    return -1;
  }
}
