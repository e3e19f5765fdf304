// Fire stations and teams: the county station (文水县消防救援大队) outside the town, a township brigade
// at each seat, micro fire stations (微型消防站) in about half of the villages, volunteer teams elsewhere.

import type { BuildingStore } from './building-store';
import type { Pt } from './geometry';
import { at } from './list';
import { shortVillage } from './names';
import type { Rng } from './prng';
import type { Facility } from './types';
import type { Village, VillageLocator } from './villages';

export type StationKind = 'micro_station' | 'volunteer_team' | 'township_brigade' | 'county_station';

export interface Station {
  code: string;
  name: string;
  villageIndex: number; // -1 = outside every village
  kind: StationKind;
  staff: number;
  vehicles: number;
  vehicleType: string;
  speed: number;
  point: Pt;
}

export function buildStations(
  villages: readonly Village[],
  countyPoint: Pt,
  locator: VillageLocator,
  store: BuildingStore,
  facilities: readonly Facility[],
  rng: Rng,
): Station[] {
  const stations: Station[] = [
    {
      code: '',
      name: '文水县消防救援大队',
      villageIndex: locator.locate(countyPoint),
      kind: 'county_station',
      staff: 42,
      vehicles: 7,
      vehicleType: '水罐消防车、泡沫消防车、抢险救援车、举高喷射消防车',
      speed: 45,
      point: countyPoint,
    },
  ];
  const anchor = (village: Village, kind: Facility['kind']): Pt => {
    const facility = facilities.find((f) => f.villageIndex === village.index && f.kind === kind);
    if (facility) return at(store.buildings, at(facility.buildings, 0)).centroid;
    return village.center;
  };
  for (const village of villages) {
    if (!village.isSeat) continue;
    const r = rng.fork(`brigade:${village.index}`);
    stations.push({
      code: '',
      name: `${village.townName}专职消防队`,
      villageIndex: village.index,
      kind: 'township_brigade',
      staff: r.int(8, 12),
      vehicles: 2,
      vehicleType: '水罐消防车、皮卡消防车',
      speed: 40,
      point: anchor(village, 'brigade'),
    });
  }
  // Micro stations in half of the villages (the seat has the brigade).
  const others = villages.filter((v) => !v.isSeat).map((v) => v.index);
  rng.fork('micro').shuffle(others);
  const withMicro = new Set(others.slice(0, Math.round(others.length / 2)));
  for (const village of villages) {
    const r = rng.fork(`stations:${village.index}`);
    const short = shortVillage(village.name);
    const micro = withMicro.has(village.index);
    const committee = anchor(village, 'village_committee');
    if (micro) {
      stations.push({
        code: '',
        name: `${short}村微型消防站`,
        villageIndex: village.index,
        kind: 'micro_station',
        staff: r.int(6, 9),
        vehicles: r.int(1, 2),
        vehicleType: r.pick(['消防摩托车', '消防摩托车、手抬机动泵', '消防摩托车、小型水罐车']),
        speed: r.int(15, 25),
        point: committee,
      });
    }
    if (!micro || r.chance(0.3)) {
      const offset: Pt = [committee[0] + r.float(-25, 25), committee[1] + r.float(-25, 25)];
      const nearest = store.nearestTo(offset, 60);
      stations.push({
        code: '',
        name: `${short}村志愿消防队`,
        villageIndex: village.index,
        kind: 'volunteer_team',
        staff: r.int(8, 20),
        vehicles: r.int(0, 1),
        vehicleType: r.pick(['手抬机动泵', '三轮摩托车、手抬机动泵', '手推式灭火器车', '农用水车']),
        speed: r.int(8, 15),
        point: nearest >= 0 ? at(store.buildings, nearest).centroid : offset,
      });
    }
  }
  stations.forEach((s, i) => (s.code = `S${String(i + 1).padStart(3, '0')}`));
  return stations;
}
