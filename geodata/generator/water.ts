// Fire water sources: hydrants along the streets of the town seat (~110-140 m apart), village ponds (some
// dry in winter), field wells, fire tanks, river intakes. Some villages are left without usable water.

import type { BuildingStore } from './building-store';
import { distance, type Pt, pointAlong, pointInRing } from './geometry';
import { at, at2, first, last } from './list';
import { shortVillage } from './names';
import type { PassageNetwork } from './passages';
import type { Rng } from './prng';
import type { Facility, Passage } from './types';
import type { Village } from './villages';

export type WaterKind = 'hydrant' | 'pond' | 'well' | 'tank' | 'river_intake';

export interface WaterSource {
  code: string;
  name: string;
  villageIndex: number;
  kind: WaterKind;
  capacity: number | null;
  months: number[];
  status: 'in_service' | 'out_of_service';
  point: Pt;
}

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const NOT_WINTER = [3, 4, 5, 6, 7, 8, 9, 10, 11];
const WET_SEASON = [4, 5, 6, 7, 8, 9, 10];

/** True when the point is inside or within 1 m of a building. */
function insideBuilding(store: BuildingStore, p: Pt): boolean {
  return store.near([p, [p[0] + 0.01, p[1]], [p[0] + 0.01, p[1] + 0.01], [p[0], p[1] + 0.01]], 1).length > 0;
}

/** A point beside a passage (offset metres from the centreline, to the left or right). */
function beside(points: readonly Pt[], along: number, offset: number): Pt {
  const spot = pointAlong(points, along);
  const { a, b } = spot;
  const length = distance(a, b);
  const nx = -(b[1] - a[1]) / length;
  const ny = (b[0] - a[0]) / length;
  return [spot.point[0] + nx * offset, spot.point[1] + ny * offset];
}

export function buildWaterSources(
  villages: readonly Village[],
  network: PassageNetwork,
  store: BuildingStore,
  facilities: readonly Facility[],
  rng: Rng,
): WaterSource[] {
  const sources: WaterSource[] = [];
  const add = (source: Omit<WaterSource, 'code'>) => sources.push({ code: '', ...source });

  for (const village of villages) {
    const r = rng.fork(`water:${village.index}`);
    const short = shortVillage(village.name);
    const passages = network.passages.filter((p) => p.villageIndex === village.index);
    if (village.isSeat) {
      // Hydrants on the seat's streets.
      const streets = passages.filter(
        (p) => (p.cls === 'town_road' || p.cls === 'village_road') && p.owner === village.index && p.zone !== 'field',
      );
      const hydrants: Pt[] = [];
      let serial = 0;
      for (const street of streets) {
        for (let along = r.float(10, 60); along < street.length - 5; along += r.float(110, 140)) {
          const offset = (r.chance(0.5) ? 1 : -1) * (street.width / 2 + r.float(0.6, 1.2));
          const p = beside(street.points, along, offset);
          if (hydrants.some((h) => distance(h, p) < 100)) continue;
          if (insideBuilding(store, p) || !pointInRing(p, village.ring)) continue;
          hydrants.push(p);
          serial++;
          add({
            name: `${street.name ?? short}${serial}号消火栓`,
            villageIndex: village.index,
            kind: 'hydrant',
            capacity: null,
            months: ALL_MONTHS,
            status: r.chance(0.1) ? 'out_of_service' : 'in_service',
            point: p,
          });
        }
      }
    }
    const fieldRoads = passages.filter((p) => p.cls === 'field_road' && p.length > 80);
    const gap = !village.isSeat && r.chance(0.15); // coverage gap: nothing usable near the houses
    const ponds = gap || fieldRoads.length === 0 ? 0 : r.chance(0.85) ? (r.chance(0.3) ? 2 : 1) : 0;
    for (let k = 0; k < ponds; k++) {
      const road = r.pick(fieldRoads);
      const fromNode = at(network.degree, road.nodeA) > 1;
      const points = fromNode ? road.points : road.points.slice().reverse();
      const reachable = r.chance(0.75);
      const offset = (r.chance(0.5) ? 1 : -1) * (road.width / 2 + (reachable ? r.float(0.5, 1.5) : r.float(12, 35)));
      const p = beside(points, r.float(20, Math.min(120, road.length - 10)), offset);
      if (insideBuilding(store, p) || !pointInRing(p, village.ring)) continue;
      if (sources.some((s) => s.kind === 'pond' && distance(s.point, p) < 60)) continue;
      const seasonal = r.chance(0.5);
      add({
        name: k === 0 ? `${short}涝池` : `${short}${r.pick(['东', '西', '南', '北'])}涝池`,
        villageIndex: village.index,
        kind: 'pond',
        capacity: Math.round(r.float(400, 3000) / 50) * 50,
        months: seasonal ? (r.chance(0.6) ? NOT_WINTER : WET_SEASON) : ALL_MONTHS,
        status: r.chance(0.08) ? 'out_of_service' : 'in_service',
        point: p,
      });
    }
    // Field wells: far from houses, near the roads.
    const wells = fieldRoads.length > 0 ? r.int(0, 2) : 0;
    for (let k = 0; k < wells; k++) {
      const road = r.pick(fieldRoads);
      const p = beside(road.points, r.float(0.4, 0.95) * road.length, (r.chance(0.5) ? 1 : -1) * (road.width / 2 + r.float(0.8, 3)));
      if (insideBuilding(store, p) || !pointInRing(p, village.ring)) continue;
      add({
        name: `${short}${k + 1}号机井`,
        villageIndex: village.index,
        kind: 'well',
        capacity: null,
        months: ALL_MONTHS,
        status: r.chance(0.1) ? 'out_of_service' : 'in_service',
        point: p,
      });
    }
    // A fire tank (消防水池) beside the village committee.
    const committee = facilities.find((f) => f.villageIndex === village.index && f.kind === 'village_committee');
    if (committee && !gap && (village.isSeat || r.chance(0.4))) {
      const b = at(store.buildings, at(committee.buildings, 0));
      const p: Pt = [(at2(b.ring, 0, 0) + at2(b.ring, 1, 0)) / 2, (at2(b.ring, 0, 1) + at2(b.ring, 1, 1)) / 2];
      const out: Pt = [p[0] + (p[0] - b.centroid[0]) * 0.6, p[1] + (p[1] - b.centroid[1]) * 0.6];
      if (!insideBuilding(store, out)) {
        add({
          name: `${short}消防水池`,
          villageIndex: village.index,
          kind: 'tank',
          capacity: r.pick([100, 150, 200, 300]),
          months: ALL_MONTHS,
          status: r.chance(0.1) ? 'out_of_service' : 'in_service',
          point: out,
        });
      }
    }
  }

  // River intakes at the east (汾河) and west (文峪河) edges of the area, at the end of a field road.
  const deadEnds = network.passages.filter(
    (p) => p.cls === 'field_road' && p.villageIndex >= 0 && (at(network.degree, p.nodeA) === 1 || at(network.degree, p.nodeB) === 1),
  );
  const eastmost = (p: Passage) => Math.max(first(p.points)[0], last(p.points)[0]);
  const westmost = (p: Passage) => Math.min(first(p.points)[0], last(p.points)[0]);
  const east = deadEnds.slice().sort((a, b) => eastmost(b) - eastmost(a))[0];
  const west = deadEnds.slice().sort((a, b) => westmost(a) - westmost(b))[0];
  for (const [road, river] of [
    [east, '汾河'],
    [west, '文峪河'],
  ] as const) {
    if (!road) continue;
    const end = at(network.degree, road.nodeB) === 1 ? at(road.points, road.points.length - 1) : at(road.points, 0);
    const before = at(network.degree, road.nodeB) === 1 ? at(road.points, road.points.length - 2) : at(road.points, 1);
    const d = distance(before, end);
    const p: Pt = [end[0] + ((end[0] - before[0]) / d) * 1.5, end[1] + ((end[1] - before[1]) / d) * 1.5];
    add({
      name: `${river}${shortVillage(at(villages, road.villageIndex).name)}取水点`,
      villageIndex: road.villageIndex,
      kind: 'river_intake',
      capacity: null,
      months: NOT_WINTER,
      status: 'in_service',
      point: p,
    });
  }

  sources.sort((a, b) => a.villageIndex - b.villageIndex);
  sources.forEach((s, i) => (s.code = `W${String(i + 1).padStart(4, '0')}`));
  return sources;
}
