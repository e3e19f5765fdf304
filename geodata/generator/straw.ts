// Straw and fodder stacks (柴草堆垛): threshing-ground rows at the village edge, stacks in the fields,
// small heaps next to houses, and a few lying on lanes (also recorded as straw_pile obstacles).

import type { BuildingStore } from './building-store';
import { convexGap, Frame, type Pt, pointAlong, pointInRing, ringBoundaryDistance } from './geometry';
import { at, at2 } from './list';
import type { ObstacleRegistry } from './obstacles';
import type { PassageNetwork } from './passages';
import type { Rng } from './prng';
import { boxOf, GridIndex } from './spatial-index';
import type { Passage } from './types';
import type { Village } from './villages';

export interface StrawStack {
  code: string;
  villageIndex: number;
  ring: Pt[];
  size: 'large' | 'small';
  volume: number;
  /** Passage the stack lies on, or -1. */
  passage: number;
  setting: 'threshing' | 'field' | 'yard' | 'lane';
}

const LARGE_VOLUME_M3 = 80;

export function buildStrawStacks(
  villages: readonly Village[],
  network: PassageNetwork,
  store: BuildingStore,
  obstacles: ObstacleRegistry,
  rng: Rng,
): StrawStack[] {
  const stacks: StrawStack[] = [];
  const index = new GridIndex(30);
  const byVillage = new Map<number, Passage[]>();
  for (const p of network.passages) {
    if (p.villageIndex < 0) continue;
    const list = byVillage.get(p.villageIndex);
    if (list) list.push(p);
    else byVillage.set(p.villageIndex, [p]);
  }

  const tryAdd = (village: Village, ring: Pt[], height: number, setting: StrawStack['setting'], onLane: Passage | null): boolean => {
    for (const p of ring) if (!pointInRing(p, village.ring) || ringBoundaryDistance(p, village.ring) < 3) return false;
    if (store.near(ring, onLane ? 0.2 : 0.5).length > 0) return false;
    const box = boxOf(ring);
    if (onLane === null && !network.corridors.clear(ring, box, 0.5)) return false;
    let free = true;
    index.query(boxOf(ring, 1), (id) => {
      if (convexGap(ring, at(stacks, id).ring) < 1) {
        free = false;
        return true;
      }
    });
    if (!free) return false;
    const area = Math.abs(
      (at2(ring, 1, 0) - at2(ring, 0, 0)) * (at2(ring, 3, 1) - at2(ring, 0, 1)) -
        (at2(ring, 1, 1) - at2(ring, 0, 1)) * (at2(ring, 3, 0) - at2(ring, 0, 0)),
    );
    const volume = Math.round(area * height);
    stacks.push({
      code: '',
      villageIndex: village.index,
      ring,
      size: volume >= LARGE_VOLUME_M3 ? 'large' : 'small',
      volume,
      passage: onLane ? onLane.index : -1,
      setting,
    });
    index.insert(stacks.length - 1, box);
    return true;
  };

  for (const village of villages) {
    const r = rng.fork(`straw:${village.index}`);
    const passages = byVillage.get(village.index) ?? [];
    const fieldRoads = passages.filter((p) => p.cls === 'field_road' && p.length > 60);
    const lanes = passages.filter((p) => p.cls === 'lane' && p.length > 15);
    const houses = store.buildings.filter((b) => b.villageIndex === village.index && b.zone === 'core' && b.use === 'residential');

    // Threshing grounds (打谷场): a row of big stacks beside a field road near the village.
    const grounds = village.isSeat ? 1 : r.int(1, 2);
    for (let g = 0; g < grounds && fieldRoads.length > 0; g++) {
      const road = r.pick(fieldRoads);
      const startAtA = at(network.degree, road.nodeA) > 1;
      const points = startAtA ? road.points : road.points.slice().reverse();
      let along = r.float(15, Math.min(90, road.length - 20));
      const side = r.chance(0.5) ? 1 : -1;
      const count = r.int(3, 6);
      for (let k = 0; k < count && along < road.length - 10; k++) {
        const spot = pointAlong(points, along);
        const { a, b } = spot;
        const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
        const length = r.float(8, 14);
        const depth = r.float(5, 8);
        const offset = side * (road.width / 2 + r.float(2.5, 8) + depth / 2);
        const frame = new Frame(spot.point, angle);
        const ring = frame.rect(0, length, offset - depth / 2, offset + depth / 2);
        tryAdd(village, ring, r.float(2.5, 4), 'threshing', null);
        along += length + r.float(2, 6);
      }
    }
    // Stacks in the fields along field roads.
    for (let k = 0; k < r.int(1, 3) && fieldRoads.length > 0; k++) {
      const road = r.pick(fieldRoads);
      const spot = pointAlong(road.points, r.float(0.3, 0.95) * road.length);
      const { a, b } = spot;
      const frame = new Frame(spot.point, Math.atan2(b[1] - a[1], b[0] - a[0]));
      const depth = r.float(4, 7);
      const offset = (r.chance(0.5) ? 1 : -1) * (road.width / 2 + r.float(1.5, 5) + depth / 2);
      tryAdd(village, frame.rect(0, r.float(6, 12), offset - depth / 2, offset + depth / 2), r.float(2, 3.5), 'field', null);
    }
    // Heaps next to houses in the old core (dangerously close).
    const yardCount = r.int(2, 5);
    for (let k = 0, tries = 0; k < yardCount && tries < 40 && houses.length > 0; tries++) {
      const house = r.pick(houses);
      const edge = r.int(0, 3);
      const p = at(house.ring, edge);
      const q = at(house.ring, (edge + 1) % 4);
      const angle = Math.atan2(q[1] - p[1], q[0] - p[0]);
      const frame = new Frame(p, angle);
      const edgeLength = Math.hypot(q[0] - p[0], q[1] - p[1]);
      const length = r.float(3, 5);
      if (edgeLength < length + 1) continue;
      const start = r.float(0.5, edgeLength - length - 0.5);
      const gap = r.float(0.8, 3);
      // outward of a counter-clockwise ring is to the right of the edge: negative v
      const ring = frame.rect(start, start + length, -gap - r.float(2, 3), -gap);
      if (tryAdd(village, ring, r.float(1.5, 2.5), 'yard', null)) k++;
    }
    // A few heaps on lanes: the stack narrows the lane; recorded as an obstacle too.
    const laneCount = village.isSeat ? 1 : r.int(0, 2);
    for (let k = 0, tries = 0; k < laneCount && tries < 20 && lanes.length > 0; tries++) {
      const lane = r.pick(lanes);
      const along = r.float(4, lane.length - 8);
      const spot = pointAlong(lane.points, along);
      const { a, b } = spot;
      const frame = new Frame(spot.point, Math.atan2(b[1] - a[1], b[0] - a[0]));
      const depth = Math.min(lane.width * 0.55, r.float(1.2, 1.8));
      const side = r.chance(0.5) ? 1 : -1;
      const inner = side * (lane.width / 2 - depth);
      const outer = side * (lane.width / 2 - 0.05);
      const ring = frame.rect(0, r.float(3, 5), Math.min(inner, outer), Math.max(inner, outer));
      if (tryAdd(village, ring, r.float(1.2, 2), 'lane', lane)) {
        obstacles.add(lane, along + 1, 'straw_pile', r.fork(`lane-straw:${k}`));
        k++;
      }
    }
  }
  stacks.forEach((s, i) => (s.code = `ST${String(i + 1).padStart(4, '0')}`));
  return stacks;
}
