// Holds placed footprints and answers "may this footprint go here?": inside its village, clear of every
// passage corridor, and either at least MIN_GAP from every other footprint or sharing a whole wall with it
// (identical corner coordinates, so rounding can never make the two overlap).

import { centroid, convexGap, type Pt, pointInRing, ringBoundaryDistance, signedArea } from './geometry';
import { at } from './list';
import type { CorridorIndex } from './passages';
import { boxOf, GridIndex } from './spatial-index';
import type { Building } from './types';
import type { Village } from './villages';

export const MIN_GAP_M = 0.3;

export type BuildingProps = Omit<Building, 'index' | 'code' | 'villageIndex' | 'ring' | 'centroid' | 'area'>;

function sharesWall(first: readonly Pt[], second: readonly Pt[]): boolean {
  let shared = 0;
  for (const p of first) for (const q of second) if (p[0] === q[0] && p[1] === q[1]) shared++;
  return shared >= 2;
}

export class BuildingStore {
  readonly buildings: Building[] = [];
  private readonly index = new GridIndex(30);

  constructor(
    private readonly villages: readonly Village[],
    private readonly corridors: CorridorIndex,
  ) {}

  fits(ring: readonly Pt[], villageIndex: number, pending: readonly (readonly Pt[])[] = []): boolean {
    const village = at(this.villages, villageIndex);
    const box = boxOf(ring);
    let reach = 0;
    for (const p of ring) reach = Math.max(reach, Math.hypot(p[0] - village.center[0], p[1] - village.center[1]));
    if (reach + 5 > village.inradius) {
      for (const p of ring) if (!pointInRing(p, village.ring) || ringBoundaryDistance(p, village.ring) < 3) return false;
    }
    if (!this.corridors.clear(ring, box, 0.3)) return false;
    let ok = true;
    this.index.query({ minX: box.minX - 1, minY: box.minY - 1, maxX: box.maxX + 1, maxY: box.maxY + 1 }, (id) => {
      if (!this.compatible(ring, at(this.buildings, id).ring)) {
        ok = false;
        return true;
      }
    });
    if (!ok) return false;
    for (const other of pending) if (!this.compatible(ring, other)) return false;
    return true;
  }

  private compatible(ring: readonly Pt[], other: readonly Pt[]): boolean {
    const gap = convexGap(ring, other);
    if (gap >= MIN_GAP_M) return true;
    return Math.abs(gap) < 1e-6 && sharesWall(ring, other);
  }

  add(ring: Pt[], villageIndex: number, props: BuildingProps): Building {
    const index = this.buildings.length;
    const building: Building = {
      index,
      code: '',
      villageIndex,
      ring,
      centroid: centroid(ring),
      area: Math.abs(signedArea(ring)),
      ...props,
    };
    this.buildings.push(building);
    this.index.insert(index, boxOf(ring));
    return building;
  }

  /** Buildings whose footprint comes within distance of the ring. */
  near(ring: readonly Pt[], distance: number): number[] {
    const box = boxOf(ring, distance);
    const found: number[] = [];
    this.index.query(box, (id) => {
      if (convexGap(ring, at(this.buildings, id).ring) < distance) found.push(id);
    });
    return found.sort((a, b) => a - b);
  }

  nearestTo(p: Pt, radius: number): number {
    let best = -1;
    let bestDistance = radius;
    this.index.query({ minX: p[0] - radius, minY: p[1] - radius, maxX: p[0] + radius, maxY: p[1] + radius }, (id) => {
      const c = at(this.buildings, id).centroid;
      const d = Math.hypot(c[0] - p[0], c[1] - p[1]);
      if (d < bestDistance || (d === bestDistance && id < best)) {
        bestDistance = d;
        best = id;
      }
    });
    return best;
  }
}
