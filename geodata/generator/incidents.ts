// Past fires 2021-2026: mostly straw, electrical and fire-use causes, few casualties, falling in number
// over the campaign years.

import type { BuildingStore } from './building-store';
import { TODAY } from './config';
import { dayNumber } from './dates';
import { centroid, type Pt } from './geometry';
import type { Rng } from './prng';
import type { StrawStack } from './straw';
import type { Village } from './villages';

export type Cause = 'electrical' | 'fire_use' | 'straw' | 'smoking' | 'children' | 'other';

export interface Incident {
  code: string;
  occurredOn: number;
  villageIndex: number;
  cause: Cause;
  loss: number;
  deaths: number;
  injuries: number;
  description: string;
  point: Pt;
}

const PER_YEAR: readonly [number, number][] = [
  [2021, 11],
  [2022, 10],
  [2023, 9],
  [2024, 7],
  [2025, 5],
  [2026, 4],
];

const MONTHS: Record<Cause, readonly (readonly [number, number])[]> = {
  straw: [
    [3, 4],
    [4, 4],
    [5, 1],
    [6, 2],
    [10, 4],
    [11, 3],
    [12, 1],
    [1, 1],
    [2, 1],
  ],
  electrical: [
    [1, 3],
    [2, 2],
    [6, 1],
    [7, 3],
    [8, 3],
    [12, 3],
    [3, 1],
    [11, 1],
  ],
  fire_use: [
    [1, 4],
    [2, 4],
    [3, 2],
    [11, 3],
    [12, 4],
    [10, 1],
  ],
  smoking: [
    [1, 1],
    [3, 1],
    [5, 1],
    [8, 1],
    [10, 1],
    [12, 1],
  ],
  children: [
    [1, 2],
    [2, 4],
    [7, 2],
    [8, 2],
  ],
  other: [
    [4, 1],
    [6, 1],
    [9, 1],
    [11, 1],
  ],
};

const TEXT: Record<Cause, readonly string[]> = {
  straw: ['村边柴草堆垛起火，过火面积约{a}平方米', '田间焚烧秸秆引燃邻近柴草垛', '打谷场玉米秸秆堆垛起火'],
  electrical: ['民房电气线路短路引发火灾，烧毁部分家具家电', '电动自行车室内充电起火', '商铺配电箱线路老化短路起火'],
  fire_use: ['火炉烟道过热引燃屋顶木椽', '厨房用火不慎引燃杂物', '土炕烟道破损引燃被褥'],
  smoking: ['遗留烟头引燃院内杂物', '吸烟不慎引燃床铺'],
  children: ['儿童玩火引燃柴草', '春节燃放烟花爆竹引燃屋顶杂物'],
  other: ['焊接作业火花引燃可燃物', '祭祀用火引燃周边杂草', '雷击引发树木及杂草起火'],
};

export function buildIncidents(villages: readonly Village[], store: BuildingStore, stacks: readonly StrawStack[], rng: Rng): Incident[] {
  const incidents: Incident[] = [];
  const today = dayNumber(TODAY);
  const scale = Math.max(1, villages.length / 18);
  const houses = store.buildings.filter((b) => b.use === 'residential' || b.use === 'business');
  const old = houses.filter((b) => b.zone === 'core');
  const deathsLeft = { count: Math.max(2, Math.round(2 * scale)) };
  PER_YEAR.forEach(([year, base]) => {
    const r = rng.fork(`incidents:${year}`);
    const count = Math.round(base * scale);
    for (let k = 0; k < count; k++) {
      const cause = r.weighted<Cause>([
        ['straw', 35],
        ['electrical', 25],
        ['fire_use', 22],
        ['smoking', 6],
        ['children', 5],
        ['other', 7],
      ]);
      const month = r.weighted(MONTHS[cause]);
      const occurredOn = Math.min(today - 1, dayNumber(`${year}-${String(month).padStart(2, '0')}-01`) + r.int(0, 27));
      let point: Pt;
      let villageIndex: number;
      if (cause === 'straw' && stacks.length > 0) {
        const stack = r.pick(stacks);
        const c = centroid(stack.ring);
        point = [c[0] + r.float(-2, 2), c[1] + r.float(-2, 2)];
        villageIndex = stack.villageIndex;
      } else {
        const b = r.chance(0.65) && old.length > 0 ? r.pick(old) : r.pick(houses);
        point = b.centroid;
        villageIndex = b.villageIndex;
      }
      let loss = 0;
      if (cause === 'straw') loss = r.chance(0.4) ? 0 : Math.round(r.float(100, 3000) / 100) * 100;
      else if (cause === 'electrical') loss = Math.round(r.float(3000, 120000) / 100) * 100;
      else if (cause === 'fire_use') loss = Math.round(r.float(1000, 60000) / 100) * 100;
      else loss = Math.round(r.float(200, 20000) / 100) * 100;
      let deaths = 0;
      if ((cause === 'fire_use' || cause === 'electrical') && year <= 2024 && deathsLeft.count > 0 && r.chance(0.3)) {
        deaths = 1;
        deathsLeft.count--;
      }
      const injuries = deaths > 0 ? r.int(0, 1) : r.chance(0.12) ? r.int(1, 2) : 0;
      let description = r.pick(TEXT[cause]).replace('{a}', String(r.int(20, 400)));
      if (deaths > 0) description += '，独居老人1人死亡';
      incidents.push({ code: '', occurredOn, villageIndex, cause, loss, deaths, injuries, description, point });
    }
  });
  incidents.sort((a, b) => a.occurredOn - b.occurredOn || a.villageIndex - b.villageIndex);
  incidents.forEach((x, i) => (x.code = `F${String(i + 1).padStart(4, '0')}`));
  return incidents;
}
