// Social units (社会单位): one per notable building or facility, with its 消防安全明白人 count and the
// number of evacuation drills it holds a year.

import type { BuildingStore } from './building-store';
import type { Pt } from './geometry';
import { at } from './list';
import { personName } from './names';
import type { PassageNetwork } from './passages';
import type { Rng } from './prng';
import type { Facility, FacilityKind, UnitKind } from './types';
import type { Village } from './villages';

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  building: number; // -1 = none (an open-air market)
  villageIndex: number;
  trained: number;
  drills: number;
  person: string;
  point: Pt;
  facilityKind: FacilityKind | null;
}

const FACILITY_UNIT: Partial<Record<FacilityKind, UnitKind>> = {
  town_government: 'other',
  central_school: 'key_unit',
  primary_school: 'key_unit',
  kindergarten: 'key_unit',
  health_centre: 'key_unit',
  nursing_home: 'key_unit',
  market: 'crowded',
  supermarket: 'crowded',
  police: 'other',
  village_committee: 'other',
  distillery: 'distillery',
  packaging: 'packaging',
  farm: 'farm',
  fuel_station: 'key_unit',
  lpg_station: 'key_unit',
};

function training(kind: UnitKind, r: Rng): { trained: number; drills: number } {
  switch (kind) {
    case 'key_unit':
      return {
        trained: r.chance(0.1) ? 0 : r.int(1, 3),
        drills: r.weighted([
          [1, 1],
          [2, 2],
          [3, 6],
          [4, 3],
        ]),
      };
    case 'distillery':
    case 'packaging':
      return {
        trained: r.weighted([
          [0, 2],
          [1, 5],
          [2, 3],
        ]),
        drills: r.weighted([
          [1, 1],
          [2, 3],
          [3, 5],
          [4, 2],
        ]),
      };
    case 'crowded':
      return {
        trained: r.weighted([
          [0, 2],
          [1, 5],
          [2, 2],
        ]),
        drills: r.weighted([
          [1, 3],
          [2, 4],
          [3, 2],
        ]),
      };
    case 'nine_small':
      return {
        trained: r.chance(0.62) ? 1 : 0,
        drills: r.weighted([
          [0, 4],
          [1, 5],
          [2, 2],
        ]),
      };
    case 'farm':
      return {
        trained: r.chance(0.5) ? 1 : 0,
        drills: r.weighted([
          [0, 4],
          [1, 4],
          [2, 1],
        ]),
      };
    default:
      return {
        trained: r.int(1, 2),
        drills: r.weighted([
          [1, 4],
          [2, 2],
        ]),
      };
  }
}

export function buildUnits(
  villages: readonly Village[],
  store: BuildingStore,
  facilities: readonly Facility[],
  network: PassageNetwork,
  rng: Rng,
): Unit[] {
  const units: Unit[] = [];
  for (const facility of facilities) {
    const kind = FACILITY_UNIT[facility.kind];
    if (!kind || facility.buildings.length === 0) continue;
    const r = rng.fork(`unit:facility:${facility.index}`);
    const main = at(store.buildings, at(facility.buildings, 0));
    units.push({
      code: '',
      name: facility.name,
      kind,
      building: main.index,
      villageIndex: facility.villageIndex,
      ...training(kind, r),
      person: facility.person,
      point: main.centroid,
      facilityKind: facility.kind,
    });
  }
  for (const building of store.buildings) {
    if (building.use !== 'business' || building.facility >= 0 || building.nineSmall === null) continue;
    const r = rng.fork(`unit:building:${building.index}`);
    units.push({
      code: '',
      name: building.name ?? '',
      kind: 'nine_small',
      building: building.index,
      villageIndex: building.villageIndex,
      ...training('nine_small', r),
      person: building.person,
      point: building.centroid,
      facilityKind: null,
    });
  }
  // The periodic open-air fair (集市) on the seat's main street: crowded, no building.
  for (const village of villages) {
    if (!village.isSeat) continue;
    const r = rng.fork(`unit:fair:${village.index}`);
    const street = network.passages.find((p) => p.villageIndex === village.index && p.cls === 'town_road' && p.owner === village.index);
    if (!street) continue;
    const mid = at(street.points, Math.floor(street.points.length / 2));
    const next = at(street.points, Math.floor(street.points.length / 2) - 1);
    units.push({
      code: '',
      name: `${village.townName}逢集集市（${village.name}）`,
      kind: 'crowded',
      building: -1,
      villageIndex: village.index,
      ...training('crowded', r),
      person: personName(r),
      point: [(mid[0] + next[0]) / 2, (mid[1] + next[1]) / 2],
      facilityKind: null,
    });
  }
  units.sort((a, b) => a.villageIndex - b.villageIndex);
  units.forEach((u, i) => (u.code = `U${String(i + 1).padStart(4, '0')}`));
  return units;
}
