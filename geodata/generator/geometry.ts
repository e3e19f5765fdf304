// Plane geometry in local metres. Points are [x, y] tuples; rings are open (first point not repeated).

import { at, first, last } from './list';

export type Pt = [number, number];

export function distance(a: Pt, b: Pt): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

export function lerp(a: Pt, b: Pt, t: number): Pt {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

export function cross(o: Pt, a: Pt, b: Pt): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Signed area (positive = counter-clockwise). */
export function signedArea(ring: readonly Pt[]): number {
  let sum = 0;
  let previous = last(ring);
  for (const current of ring) {
    sum += previous[0] * current[1] - current[0] * previous[1];
    previous = current;
  }
  return sum / 2;
}

export function centroid(ring: readonly Pt[]): Pt {
  let x = 0;
  let y = 0;
  let area = 0;
  let previous = last(ring);
  for (const current of ring) {
    const f = previous[0] * current[1] - current[0] * previous[1];
    x += (previous[0] + current[0]) * f;
    y += (previous[1] + current[1]) * f;
    area += f;
    previous = current;
  }
  if (Math.abs(area) < 1e-12) return first(ring);
  return [x / (3 * area), y / (3 * area)];
}

export function polylineLength(points: readonly Pt[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distance(at(points, i - 1), at(points, i));
  return total;
}

/** Point at a distance along a polyline, with the segment it lies on (index and end points). */
export function pointAlong(points: readonly Pt[], along: number): { point: Pt; segment: number; t: number; a: Pt; b: Pt } {
  let remaining = along;
  for (let i = 1; i < points.length; i++) {
    const a = at(points, i - 1);
    const b = at(points, i);
    const length = distance(a, b);
    if (remaining <= length || i === points.length - 1) {
      const t = length > 0 ? Math.min(1, Math.max(0, remaining / length)) : 0;
      return { point: lerp(a, b, t), segment: i - 1, t, a, b };
    }
    remaining -= length;
  }
  return { point: first(points), segment: 0, t: 0, a: first(points), b: last(points) };
}

export function pointSegmentDistance(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Proper or touching intersection of segments ab and cd: parameters along each, or null. */
export function segmentIntersection(a: Pt, b: Pt, c: Pt, d: Pt): { t: number; u: number; point: Pt } | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const denominator = rx * sy - ry * sx;
  if (Math.abs(denominator) < 1e-12) return null; // parallel (collinear overlaps are avoided by construction)
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / denominator;
  const u = (qx * ry - qy * rx) / denominator;
  const eps = 1e-9;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return null;
  return { t: Math.min(1, Math.max(0, t)), u: Math.min(1, Math.max(0, u)), point: [a[0] + t * rx, a[1] + t * ry] };
}

export function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  return segmentIntersection(a, b, c, d) !== null;
}

export function segmentSegmentDistance(a: Pt, b: Pt, c: Pt, d: Pt): number {
  if (segmentsCross(a, b, c, d)) return 0;
  return Math.min(
    pointSegmentDistance(a, c, d),
    pointSegmentDistance(b, c, d),
    pointSegmentDistance(c, a, b),
    pointSegmentDistance(d, a, b),
  );
}

export function pointInRing(p: Pt, ring: readonly Pt[]): boolean {
  let inside = false;
  let previous = last(ring);
  for (const current of ring) {
    const [xi, yi] = current;
    const [xj, yj] = previous;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    previous = current;
  }
  return inside;
}

export function ringBoundaryDistance(p: Pt, ring: readonly Pt[]): number {
  let best = Infinity;
  let previous = last(ring);
  for (const current of ring) {
    best = Math.min(best, pointSegmentDistance(p, previous, current));
    previous = current;
  }
  return best;
}

/** Distance from a polygon (ring) to a segment; 0 when they touch or the segment is inside. */
export function ringSegmentDistance(ring: readonly Pt[], a: Pt, b: Pt): number {
  if (pointInRing(a, ring) || pointInRing(b, ring)) return 0;
  let best = Infinity;
  let previous = last(ring);
  for (const current of ring) {
    best = Math.min(best, segmentSegmentDistance(previous, current, a, b));
    if (best === 0) return 0;
    previous = current;
  }
  return best;
}

/**
 * Separating-axis gap between two convex rings: > 0 means apart by at least that much along some axis,
 * 0 means touching, < 0 means overlapping (by that depth).
 */
export function convexGap(first: readonly Pt[], second: readonly Pt[]): number {
  let best = -Infinity;
  for (const [ring, other] of [
    [first, second],
    [second, first],
  ] as const) {
    let previous = last(ring);
    for (const current of ring) {
      const ex = current[0] - previous[0];
      const ey = current[1] - previous[1];
      previous = current;
      const length = Math.hypot(ex, ey);
      if (length === 0) continue;
      // outward normal of a counter-clockwise ring
      const nx = ey / length;
      const ny = -ex / length;
      let maxOwn = -Infinity;
      for (const p of ring) maxOwn = Math.max(maxOwn, p[0] * nx + p[1] * ny);
      let minOther = Infinity;
      for (const p of other) minOther = Math.min(minOther, p[0] * nx + p[1] * ny);
      best = Math.max(best, minOther - maxOwn);
    }
  }
  return best;
}

/** A local frame: origin plus rotation. (u, v) in the frame -> (x, y) in the plane. */
export class Frame {
  readonly cos: number;
  readonly sin: number;

  constructor(
    readonly origin: Pt,
    readonly angle: number,
  ) {
    this.cos = Math.cos(angle);
    this.sin = Math.sin(angle);
  }

  toPlane(u: number, v: number): Pt {
    return [this.origin[0] + u * this.cos - v * this.sin, this.origin[1] + u * this.sin + v * this.cos];
  }

  toFrame(p: Pt): Pt {
    const dx = p[0] - this.origin[0];
    const dy = p[1] - this.origin[1];
    return [dx * this.cos + dy * this.sin, -dx * this.sin + dy * this.cos];
  }

  /** Counter-clockwise rectangle [u0,u1] x [v0,v1] in the plane. Same inputs give bit-identical corners. */
  rect(u0: number, u1: number, v0: number, v1: number): Pt[] {
    return [this.toPlane(u0, v0), this.toPlane(u1, v0), this.toPlane(u1, v1), this.toPlane(u0, v1)];
  }
}

/** Convex hull (monotone chain), counter-clockwise. */
export function convexHull(points: readonly Pt[]): Pt[] {
  const sorted = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const lower: Pt[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(at(lower, lower.length - 2), last(lower), p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Pt[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = at(sorted, i);
    while (upper.length >= 2 && cross(at(upper, upper.length - 2), last(upper), p) <= 0) upper.pop();
    upper.push(p);
  }
  upper.pop();
  lower.pop();
  return lower.concat(upper);
}

/** Keep the part of a convex ring where (p - origin) . normal <= 0. */
export function clipHalfPlane(ring: readonly Pt[], origin: Pt, normal: Pt): Pt[] {
  const side = (p: Pt) => (p[0] - origin[0]) * normal[0] + (p[1] - origin[1]) * normal[1];
  const result: Pt[] = [];
  for (let i = 0; i < ring.length; i++) {
    const current = at(ring, i);
    const previous = at(ring, (i + ring.length - 1) % ring.length);
    const sc = side(current);
    const sp = side(previous);
    if (sc <= 0) {
      if (sp > 0) result.push(lerp(previous, current, sp / (sp - sc)));
      result.push(current);
    } else if (sp <= 0) {
      result.push(lerp(previous, current, sp / (sp - sc)));
    }
  }
  return result;
}

/** True when no two non-adjacent edges of the ring intersect and no vertex repeats (O(n^2), for small rings). */
export function isSimpleRing(ring: readonly Pt[]): boolean {
  const n = ring.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    const a = at(ring, i);
    const b = at(ring, (i + 1) % n);
    if (a[0] === b[0] && a[1] === b[1]) return false;
    for (let j = i + 1; j < n; j++) {
      if (j === i || (j + 1) % n === i || j === (i + 1) % n) continue;
      const c = at(ring, j);
      const d = at(ring, (j + 1) % n);
      if (segmentsCross(a, b, c, d)) return false;
    }
  }
  return true;
}
