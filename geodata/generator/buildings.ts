// Building footprints: old village cores of courtyard compounds (low fire-resistance, walls touching, narrow
// gaps), newer rows of brick-concrete houses with wider gaps, shop rows along main streets, public
// facilities, and industrial/agricultural sites in the fields (distilleries, packaging plants, farms).

import type { BuildingProps, BuildingStore } from './building-store';
import { distance, Frame, type Pt, pointAlong } from './geometry';
import { at, at2, last } from './list';
import { firmName, personName, shopName, shortVillage } from './names';
import type { PassageNetwork } from './passages';
import type { Rng } from './prng';
import type { GridSegment, VillagePlan } from './street-plan';
import type { BuildingUse, Facility, FacilityKind, FireGrade, NineSmall, Structure, Zone } from './types';

const round1 = (value: number) => Math.round(value * 10) / 10;

interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

interface TemplateBuilding {
  w: number;
  d: number;
  floors: number;
  use: BuildingUse;
  structure: Structure;
  grade: FireGrade;
  label: string;
}

const T = (
  w: number,
  d: number,
  floors: number,
  use: BuildingUse,
  structure: Structure,
  grade: FireGrade,
  label: string,
): TemplateBuilding => ({
  w,
  d,
  floors,
  use,
  structure,
  grade,
  label,
});

const TEMPLATES: Record<FacilityKind, TemplateBuilding[]> = {
  town_government: [
    T(20, 12, 3, 'public', 'frame', '1-2', '办公楼'),
    T(18, 10, 2, 'public', 'brick_concrete', '1-2', '综合楼'),
    T(10, 8, 1, 'public', 'brick_concrete', '1-2', '车库'),
  ],
  central_school: [
    T(20, 12, 3, 'public', 'frame', '1-2', '教学楼'),
    T(20, 12, 3, 'public', 'frame', '1-2', '综合楼'),
    T(20, 10, 3, 'public', 'frame', '1-2', '学生宿舍'),
    T(16, 10, 1, 'public', 'brick_concrete', '1-2', '食堂'),
  ],
  primary_school: [T(20, 10, 2, 'public', 'brick_concrete', '1-2', '教学楼'), T(14, 8, 1, 'public', 'brick_concrete', '3', '办公室')],
  kindergarten: [T(18, 10, 2, 'public', 'brick_concrete', '1-2', '教学楼'), T(10, 7, 1, 'public', 'brick_concrete', '3', '厨房')],
  health_centre: [T(20, 12, 3, 'public', 'frame', '1-2', '门诊楼'), T(18, 10, 2, 'public', 'brick_concrete', '1-2', '住院楼')],
  market: [
    T(20, 10, 1, 'public', 'steel', '3', '一号交易棚'),
    T(20, 10, 1, 'public', 'steel', '3', '二号交易棚'),
    T(20, 10, 1, 'public', 'steel', '4', '三号交易棚'),
  ],
  nursing_home: [T(20, 10, 2, 'public', 'brick_concrete', '1-2', '居住楼'), T(14, 8, 1, 'public', 'brick_concrete', '3', '食堂')],
  police: [T(16, 10, 2, 'public', 'frame', '1-2', '办公楼')],
  brigade: [T(20, 10, 2, 'public', 'frame', '1-2', '执勤楼'), T(12, 8, 1, 'public', 'steel', '3', '车库')],
  village_committee: [T(18, 10, 2, 'public', 'brick_concrete', '1-2', '')],
  supermarket: [T(20, 18, 2, 'business', 'frame', '1-2', '')],
  distillery: [
    T(20, 16, 1, 'factory', 'brick_concrete', '3', '酿造车间'),
    T(20, 14, 1, 'factory', 'steel', '3', '蒸馏车间'),
    T(20, 12, 1, 'warehouse', 'brick_concrete', '3', '酒库'),
    T(14, 10, 2, 'factory', 'brick_concrete', '1-2', '办公楼'),
    T(8, 6, 1, 'factory', 'brick_concrete', '3', '锅炉房'),
  ],
  packaging: [
    T(20, 18, 1, 'factory', 'steel', '4', '生产车间'),
    T(20, 16, 1, 'factory', 'steel', '3', '印刷车间'),
    T(20, 15, 1, 'warehouse', 'steel', '4', '成品库'),
    T(10, 8, 2, 'factory', 'brick_concrete', '1-2', '办公楼'),
  ],
  farm: [
    T(20, 9, 1, 'factory', 'brick_wood', '3', '一号圈舍'),
    T(20, 9, 1, 'factory', 'steel', '4', '二号圈舍'),
    T(20, 9, 1, 'factory', 'brick_wood', '4', '三号圈舍'),
    T(12, 8, 1, 'warehouse', 'brick_wood', '4', '饲草库'),
    T(10, 7, 1, 'residential', 'brick_concrete', '3', '管理用房'),
  ],
  fuel_station: [T(18, 10, 1, 'business', 'brick_concrete', '1-2', '站房')],
  lpg_station: [T(10, 8, 1, 'warehouse', 'brick_concrete', '1-2', '钢瓶库')],
};

export function facilityName(kind: FacilityKind, townName: string, villageName: string, r: Rng, isSeat = false): string {
  const town = townName;
  const short = shortVillage(villageName);
  switch (kind) {
    case 'town_government':
      return `${town}人民政府`;
    case 'central_school':
      return `${town}中心学校`;
    case 'primary_school':
      return `${short}小学`;
    case 'kindergarten':
      if (isSeat) return `${town}中心幼儿园`;
      return r.chance(0.5) ? `${short}幼儿园` : `${short}阳光幼儿园`;
    case 'health_centre':
      return `${town}卫生院`;
    case 'market':
      return `${town}集贸市场`;
    case 'nursing_home':
      return `${town}敬老院`;
    case 'police':
      return `${town.replace(/镇$/, '')}派出所`;
    case 'brigade':
      return `${town}专职消防队`;
    case 'village_committee':
      return `${villageName}村民委员会`;
    case 'supermarket':
      return `${r.pick(['万家福', '华联', '惠民', '联华'])}购物广场`;
    case 'distillery':
    case 'packaging':
    case 'farm':
      return firmName(r, kind, short);
    case 'fuel_station':
      return `${short}${r.pick(['', '东', '西'])}加油站`;
    case 'lpg_station':
      return `${short}液化气供应站`;
  }
}

interface VillageContext {
  plan: VillagePlan;
  store: BuildingStore;
  facilities: Facility[];
  r: Rng;
}

// ---------- attributes ----------

function oldStructure(r: Rng): [Structure, FireGrade] {
  return r.weighted<[Structure, FireGrade]>([
    [['earth_wood', '4'], 30],
    [['brick_wood', '3'], 45],
    [['brick_wood', '4'], 15],
    [['brick_concrete', '3'], 10],
  ]);
}

function baseProps(role: string, zone: Zone, person: string): BuildingProps {
  return {
    name: null,
    use: 'residential',
    shopFrontHomeBack: false,
    shopBelowHomeAbove: false,
    threeInOne: false,
    nineSmall: null,
    floors: 1,
    height: 3.5,
    structure: 'brick_concrete',
    grade: '3',
    throughStair: false,
    occupants: 0,
    vulnerable: 0,
    smokeAlarm: false,
    extinguisher: false,
    person,
    builtYear: 2000,
    role,
    zone,
    facility: -1,
  };
}

function oldHouse(r: Rng, role: 'house_main' | 'house_wing' | 'house_south', person: string, year: number, vacant: boolean): BuildingProps {
  const props = baseProps(role, 'core', person);
  const [structure, grade] = oldStructure(r);
  props.structure = structure;
  props.grade = grade;
  props.floors = role === 'house_main' && r.chance(0.08) ? 2 : 1;
  props.height = round1(props.floors * 3.1 + r.float(0.8, 1.6));
  props.builtYear = Math.min(2005, year + (role === 'house_main' ? 0 : r.int(0, 12)));
  if (structure === 'earth_wood') props.builtYear = Math.min(props.builtYear, 1988);
  if (!vacant) {
    props.occupants =
      role === 'house_main'
        ? r.weighted([
            [1, 3],
            [2, 4],
            [3, 2],
            [4, 2],
            [5, 1],
          ])
        : r.weighted([
            [0, 5],
            [1, 2],
            [2, 1],
          ]);
    props.vulnerable = Math.min(
      props.occupants,
      r.weighted([
        [0, 5],
        [1, 3],
        [2, 2],
      ]),
    );
  }
  props.smokeAlarm = r.chance(0.08);
  props.extinguisher = r.chance(0.15);
  return props;
}

function newHouse(r: Rng, role: string, person: string, zone: Zone): BuildingProps {
  const props = baseProps(role, zone, person);
  const isShed = role === 'shed';
  props.structure = isShed ? r.pick<Structure>(['brick_wood', 'steel', 'brick_concrete']) : 'brick_concrete';
  props.grade = isShed ? r.pick<FireGrade>(['3', '4']) : r.chance(0.7) ? '1-2' : '3';
  props.floors = isShed
    ? 1
    : r.weighted([
        [1, 4],
        [2, 5],
        [3, 1],
      ]);
  props.height = round1(props.floors * 3.2 + r.float(0.3, 0.9));
  props.builtYear = isShed ? r.int(2005, 2024) : r.int(1996, 2024);
  if (!isShed) {
    props.occupants = r.weighted([
      [0, 1],
      [2, 3],
      [3, 4],
      [4, 3],
      [5, 2],
      [6, 1],
    ]);
    props.vulnerable = Math.min(
      props.occupants,
      r.weighted([
        [0, 6],
        [1, 3],
        [2, 1],
      ]),
    );
    props.throughStair = props.floors >= 3 && r.chance(0.2);
  }
  props.smokeAlarm = r.chance(isShed ? 0.02 : 0.22);
  props.extinguisher = r.chance(isShed ? 0.05 : 0.35);
  return props;
}

const NINE_SMALL_WEIGHTS: readonly (readonly [NineSmall, number])[] = [
  ['shop', 38],
  ['eatery', 18],
  ['inn', 5],
  ['workshop', 10],
  ['clinic', 3],
  ['school', 3],
  ['entertainment', 4],
  ['internet_cafe', 3],
  ['bath_beauty', 14],
];

function shop(r: Rng, villageName: string, zone: Zone, category?: NineSmall): BuildingProps {
  const owner = personName(r);
  const props = baseProps('shop', zone, owner);
  props.use = 'business';
  props.nineSmall = category ?? r.weighted(NINE_SMALL_WEIGHTS);
  props.name = shopName(r, props.nineSmall, shortVillage(villageName));
  const [structure, grade] = r.weighted<[Structure, FireGrade]>([
    [['brick_concrete', '1-2'], 42],
    [['brick_concrete', '3'], 28],
    [['brick_wood', '3'], 20],
    [['frame', '1-2'], 10],
  ]);
  props.structure = structure;
  props.grade = grade;
  props.floors = r.weighted([
    [1, 35],
    [2, 45],
    [3, 17],
    [4, 3],
  ]);
  props.height = round1(props.floors * 3.4 + r.float(0.3, 1.0));
  props.builtYear = r.int(1985, 2023);
  props.shopBelowHomeAbove = props.floors >= 2 && r.chance(0.5);
  props.shopFrontHomeBack = !props.shopBelowHomeAbove && r.chance(0.55);
  props.threeInOne = r.chance(0.09);
  props.throughStair = props.floors >= 2 && r.chance(0.45);
  const lives = props.shopBelowHomeAbove || props.shopFrontHomeBack || props.threeInOne;
  props.occupants = (props.nineSmall === 'inn' ? r.int(8, 30) : r.int(1, 6)) + (lives ? r.int(2, 5) : 0);
  props.vulnerable = lives
    ? r.weighted([
        [0, 6],
        [1, 3],
        [2, 1],
      ])
    : 0;
  props.smokeAlarm = r.chance(0.45);
  props.extinguisher = r.chance(0.75);
  return props;
}

function facilityProps(
  r: Rng,
  kind: FacilityKind,
  t: TemplateBuilding,
  name: string,
  person: string,
  facility: number,
  zone: Zone,
): BuildingProps {
  const props = baseProps(`facility:${kind}`, zone, person);
  props.name = t.label ? `${name}${t.label}` : name;
  props.use = t.use;
  props.structure = t.structure;
  props.grade = t.grade;
  props.floors = t.floors;
  const industrial = t.use === 'factory' || t.use === 'warehouse';
  props.height = round1(industrial && t.floors === 1 ? r.float(5.5, 9) : t.floors * 3.6 + r.float(0.3, 1.2));
  props.builtYear = r.int(kind === 'market' ? 1992 : 1998, 2022);
  const people: Partial<Record<FacilityKind, [number, number]>> = {
    central_school: [150, 420],
    primary_school: [60, 180],
    kindergarten: [40, 110],
    health_centre: [20, 60],
    market: [20, 200],
    nursing_home: [18, 45],
    town_government: [20, 60],
    distillery: [6, 30],
    packaging: [8, 40],
    farm: [1, 4],
    supermarket: [15, 80],
  };
  const range = people[kind] ?? [2, 12];
  props.occupants = r.int(range[0], range[1]);
  props.vulnerable =
    kind === 'nursing_home'
      ? Math.round(props.occupants * 0.8)
      : kind === 'kindergarten' || kind === 'primary_school' || kind === 'central_school'
        ? Math.round(props.occupants * 0.85)
        : kind === 'health_centre'
          ? r.int(3, 15)
          : 0;
  const publicCare = kind === 'central_school' || kind === 'health_centre' || kind === 'nursing_home' || kind === 'kindergarten';
  props.smokeAlarm = r.chance(publicCare ? 0.9 : industrial ? 0.35 : 0.6);
  props.extinguisher = r.chance(publicCare ? 0.97 : 0.8);
  props.throughStair = false;
  props.facility = facility;
  return props;
}

// ---------- placement helpers ----------

/** Place a set of template buildings by shelf packing inside a rect of a frame; all or nothing. */
function placeFacility(
  ctx: { store: BuildingStore; facilities: Facility[]; r: Rng },
  villageIndex: number,
  frame: Frame,
  rect: Rect,
  kind: FacilityKind,
  name: string,
  zone: Zone,
  gap: number,
  fromTop = true,
): Facility | null {
  const templates = TEMPLATES[kind];
  const rings: Pt[][] = [];
  const used: TemplateBuilding[] = [];
  let u = rect.x0;
  let v = fromTop ? rect.y1 : rect.y0;
  let rowDepth = 0;
  for (const t of templates) {
    if (u + t.w > rect.x1) {
      u = rect.x0;
      v = fromTop ? v - rowDepth - gap : v + rowDepth + gap;
      rowDepth = 0;
    }
    if (u + t.w > rect.x1) continue;
    const v0 = fromTop ? v - t.d : v;
    const v1 = fromTop ? v : v + t.d;
    if (v0 < rect.y0 - 1e-9 || v1 > rect.y1 + 1e-9) continue;
    const ring = frame.rect(u, u + t.w, v0, v1);
    if (!ctx.store.fits(ring, villageIndex, rings)) {
      u += t.w + gap;
      continue;
    }
    rings.push(ring);
    used.push(t);
    u += t.w + gap;
    rowDepth = Math.max(rowDepth, t.d);
  }
  if (used.length === 0 || (kind !== 'market' && used[0] !== templates[0])) return null;
  const person = personName(ctx.r);
  const facility: Facility = { index: ctx.facilities.length, kind, name, villageIndex, buildings: [], person };
  ctx.facilities.push(facility);
  used.forEach((t, k) => {
    const b = ctx.store.add(at(rings, k), villageIndex, facilityProps(ctx.r, kind, t, name, person, facility.index, zone));
    facility.buildings.push(b.index);
  });
  return facility;
}

/** Courtyard compounds in rows facing the lanes; neighbours share whole walls or keep 0.8–3.5 m. */
function fillCompounds(ctx: VillageContext, rect: Rect, zone: Zone): void {
  const { r } = ctx;
  const height = rect.y1 - rect.y0;
  if (height < 8) return;
  if (height < 14) {
    fillRows(ctx, rect, zone, true);
    return;
  }
  const rows: { out: number; inner: number }[] = [];
  if (height >= 36) {
    const middle = rect.y0 + height / 2 + r.float(-2, 2);
    const alley = r.float(0.8, 2.5);
    rows.push({ out: rect.y1, inner: middle + alley / 2 });
    rows.push({ out: rect.y0, inner: middle - alley / 2 });
  } else if (r.chance(0.5)) rows.push({ out: rect.y1, inner: rect.y0 });
  else rows.push({ out: rect.y0, inner: rect.y1 });

  for (const row of rows) {
    const depth = Math.abs(row.out - row.inner);
    const sign = row.out > row.inner ? -1 : 1; // from the lane side inward
    const vAt = (d: number) => row.out + sign * d;
    const span = (d0: number, d1: number): [number, number] => {
      const a = vAt(d0);
      const b = vAt(d1);
      return a < b ? [a, b] : [b, a];
    };
    const mainDepth = Math.min(depth, r.float(7, 9));
    if (mainDepth < 6) continue;
    const gapMW = r.float(0.6, 1.5);
    // a south house (倒座) closes many courtyards; wings then run up to 1-2 m short of it
    const southRoom = depth - mainDepth - gapMW - 6 - 1.2 >= 6;
    const southDepth = 6;
    const wingEndWithSouth = depth - southDepth - r.float(1, 2);
    const wingEndOpen = depth - r.float(0.5, 2.5);
    // one wing length per row, so touching neighbours share whole walls
    const wingLength = Math.min(14, (southRoom ? wingEndWithSouth : wingEndOpen) - mainDepth - gapMW);
    let u = rect.x0;
    while (rect.x1 - u >= 9) {
      let w = r.float(12.5, 18.5);
      if (rect.x1 - u - w < 9) w = Math.min(20, rect.x1 - u);
      if (w < 9) break;
      const u0 = u;
      const u1 = u + w;
      const person = personName(r);
      const year = r.int(1952, 1996);
      const variant = r.weighted([
        ['courtyard', 80],
        ['renovated', 12],
        ['empty', 4],
        ['ruin', 4],
      ]);
      const vacant = r.chance(0.12);
      const place = (ring: Pt[], props: BuildingProps) => {
        if (ctx.store.fits(ring, ctx.plan.village.index)) ctx.store.add(ring, ctx.plan.village.index, props);
      };
      if (variant === 'renovated' && depth >= 9) {
        const d = Math.min(depth, r.float(9, 12));
        const props = newHouse(r, 'house_renovated', person, zone);
        const [a, b] = span(0, d);
        place(ctx.plan.frame.rect(u0, u1, a, b), props);
      } else if (variant === 'courtyard' || variant === 'ruin' || variant === 'renovated') {
        const [ma, mb] = span(0, mainDepth);
        place(ctx.plan.frame.rect(u0, u1, ma, mb), oldHouse(r, 'house_main', person, year, vacant || variant === 'ruin'));
        const withSouth = southRoom && r.chance(0.6);
        if (wingLength >= 6 && w >= 12 && variant !== 'ruin') {
          const [wa, wb] = span(mainDepth + gapMW, mainDepth + gapMW + wingLength);
          const westWidth = r.float(6, 7.5);
          const eastWidth = r.float(6, 7.5);
          const both = w >= westWidth + eastWidth + 2.5;
          const west = both || r.chance(0.5);
          if (west) place(ctx.plan.frame.rect(u0, u0 + westWidth, wa, wb), oldHouse(r, 'house_wing', person, year, vacant));
          if (both || !west) place(ctx.plan.frame.rect(u1 - eastWidth, u1, wa, wb), oldHouse(r, 'house_wing', person, year, vacant));
          if (withSouth) {
            const [sa, sb] = span(depth - southDepth, depth);
            place(ctx.plan.frame.rect(u0, u1, sa, sb), oldHouse(r, 'house_south', person, year, vacant));
          }
        }
      }
      const touch = r.chance(0.55);
      u = u1 + (touch ? 0 : r.float(0.8, 3.5));
    }
  }
}

/** Rows of detached houses on plots, 4.5–7 m apart, with an optional shed. */
function fillRows(ctx: VillageContext, rect: Rect, zone: Zone, narrow = false): void {
  const { r } = ctx;
  const height = rect.y1 - rect.y0;
  if (height < 8) return;
  const rows: { out: number; inner: number }[] = [];
  if (height >= 30 && !narrow) {
    const middle = rect.y0 + height / 2;
    rows.push({ out: rect.y1, inner: middle + 0.5 });
    rows.push({ out: rect.y0, inner: middle - 0.5 });
  } else rows.push(r.chance(0.5) ? { out: rect.y1, inner: rect.y0 } : { out: rect.y0, inner: rect.y1 });
  for (const row of rows) {
    const depth = Math.abs(row.out - row.inner);
    const sign = row.out > row.inner ? -1 : 1;
    const vAt = (d: number) => row.out + sign * d;
    const houseDepth = Math.min(depth, r.float(9, 12));
    if (houseDepth < 6) continue;
    const plotWidth = r.float(15, 19);
    let u = rect.x0;
    while (rect.x1 - u >= 10) {
      const plot = Math.min(plotWidth + r.float(-1, 1), rect.x1 - u);
      const gap = r.float(4.5, 7);
      const width = Math.min(20, plot - gap);
      if (width < 6) break;
      if (!r.chance(0.08)) {
        const person = personName(r);
        const centre: Pt = [u + gap / 2 + width / 2, (vAt(0) + vAt(houseDepth)) / 2];
        const tilt = r.float(-0.025, 0.025);
        const ring = new Frame(ctx.plan.frame.toPlane(centre[0], centre[1]), ctx.plan.frame.angle + tilt).rect(
          -width / 2,
          width / 2,
          -houseDepth / 2,
          houseDepth / 2,
        );
        if (ctx.store.fits(ring, ctx.plan.village.index))
          ctx.store.add(ring, ctx.plan.village.index, newHouse(r, 'house_new', person, zone));
        if (depth >= houseDepth + 11 && r.chance(0.3)) {
          const shedU = r.chance(0.5) ? u + gap / 2 : u + gap / 2 + width - 6;
          const a = vAt(houseDepth + 4.5);
          const b = vAt(houseDepth + 10.5);
          const shed = ctx.plan.frame.rect(shedU, shedU + 6, Math.min(a, b), Math.max(a, b));
          if (ctx.store.fits(shed, ctx.plan.village.index)) ctx.store.add(shed, ctx.plan.village.index, newHouse(r, 'shed', person, zone));
        }
      }
      u += plot;
    }
  }
}

/** A row of shops along one side of a cell (touching or 0.8–2.5 m apart). */
function fillShops(
  ctx: VillageContext,
  along: 'u' | 'v',
  a0: number,
  a1: number,
  c0: number,
  c1: number,
  zone: Zone,
  villageShops: boolean,
): void {
  const { r, plan } = ctx;
  let at = a0;
  let count = 0;
  const limit = villageShops ? r.int(2, 4) : 99;
  while (a1 - at >= 6.5 && count < limit) {
    let w = r.float(6.5, 12);
    if (a1 - at - w < 6.5) w = Math.min(16, a1 - at);
    const ring = along === 'u' ? plan.frame.rect(at, at + w, c0, c1) : plan.frame.rect(c0, c1, at, at + w);
    const props = shop(
      r,
      plan.village.name,
      zone,
      villageShops
        ? r.weighted<NineSmall>([
            ['shop', 6],
            ['eatery', 2],
            ['bath_beauty', 2],
            ['workshop', 1],
          ])
        : undefined,
    );
    if (ctx.store.fits(ring, plan.village.index)) {
      ctx.store.add(ring, plan.village.index, props);
      count++;
    }
    at += w + (r.chance(0.7) ? 0 : r.float(0.8, 2.5));
  }
}

// ---------- settlement ----------

interface Cell {
  i: number;
  j: number;
  rect: Rect;
  zone: Zone;
  sides: Record<'S' | 'N' | 'W' | 'E', GridSegment>;
  distance: number;
}

function setback(seg: GridSegment, zone: Zone, r: Rng): number {
  if (!seg.present) return zone === 'core' ? r.float(0.3, 1.4) : r.float(1.5, 2.5);
  if (seg.cls === 'town_road') return seg.width / 2 + r.float(1.5, 4);
  if (zone === 'core') return seg.width / 2 + r.float(0.4, 1.4);
  return seg.width / 2 + r.float(1.5, 3.5);
}

function cellsOf(plan: VillagePlan, r: Rng): Cell[] {
  const cells: Cell[] = [];
  const { xs, ys } = plan;
  for (let i = 0; i < xs.length - 1; i++) {
    for (let j = 0; j < ys.length - 1; j++) {
      const cx = (at(xs, i) + at(xs, i + 1)) / 2;
      const cy = (at(ys, j) + at(ys, j + 1)) / 2;
      const zone: Zone = cx > plan.core.west && cx < plan.core.east && cy > plan.core.south && cy < plan.core.north ? 'core' : 'new';
      const sides = {
        S: at2(plan.horizontal, j, i),
        N: at2(plan.horizontal, j + 1, i),
        W: at2(plan.vertical, i, j),
        E: at2(plan.vertical, i + 1, j),
      };
      const rect = {
        x0: at(xs, i) + setback(sides.W, zone, r),
        x1: at(xs, i + 1) - setback(sides.E, zone, r),
        y0: at(ys, j) + setback(sides.S, zone, r),
        y1: at(ys, j + 1) - setback(sides.N, zone, r),
      };
      if (rect.x1 - rect.x0 < 8 || rect.y1 - rect.y0 < 8) continue;
      cells.push({ i, j, rect, zone, sides, distance: Math.hypot(cx, cy) });
    }
  }
  return cells;
}

const SEAT_FACILITIES: FacilityKind[] = [
  'market',
  'central_school',
  'health_centre',
  'kindergarten',
  'nursing_home',
  'police',
  'brigade',
  'supermarket',
  'village_committee',
];

export function buildSettlement(plan: VillagePlan, store: BuildingStore, facilities: Facility[], rng: Rng): void {
  const r = rng.fork('settlement');
  const ctx: VillageContext = { plan, store, facilities, r };
  const village = plan.village;
  const cells = cellsOf(plan, r.fork('cells'));
  const special = new Map<Cell, FacilityKind>();
  const byDistance = cells.slice().sort((a, b) => a.distance - b.distance || a.i - b.i || a.j - b.j);
  const roomy = (c: Cell) => c.rect.x1 - c.rect.x0 >= 42 && c.rect.y1 - c.rect.y0 >= 26;
  const centreCell = cells.find((c) => c.i === plan.i0 && c.j === plan.j0);
  const wanted: FacilityKind[] = village.isSeat ? ['town_government', ...SEAT_FACILITIES] : ['village_committee'];
  if (!village.isSeat && r.chance(0.3)) wanted.push('primary_school');
  if (!village.isSeat && r.chance(0.25)) wanted.push('kindergarten');
  for (const kind of wanted) {
    let cell: Cell | undefined;
    if (
      (kind === 'town_government' || (kind === 'village_committee' && !village.isSeat)) &&
      centreCell &&
      roomy(centreCell) &&
      !special.has(centreCell)
    )
      cell = centreCell;
    else cell = byDistance.find((c) => roomy(c) && !special.has(c) && c.distance > 30);
    if (cell) special.set(cell, kind);
  }

  const facilityRng = r.fork('facilities');
  for (const cell of cells) {
    const kind = special.get(cell);
    if (kind) {
      const name = facilityName(kind, village.townName, village.name, facilityRng, village.isSeat);
      const placed = placeFacility(
        { store, facilities, r: facilityRng },
        village.index,
        plan.frame,
        cell.rect,
        kind,
        name,
        cell.zone,
        kind === 'market' ? 4 : 9,
      );
      if (placed && kind === 'village_committee' && facilityRng.chance(0.75)) {
        // a village clinic (卫生室), usually run by the village doctor: a nine-small clinic
        const c = cell.rect;
        const ring = plan.frame.rect(c.x1 - 12, c.x1, c.y1 - 8, c.y1);
        if (store.fits(ring, village.index)) {
          const props = shop(facilityRng, village.name, cell.zone, 'clinic');
          props.name = `${village.name}卫生室`;
          props.floors = 1;
          props.height = 3.8;
          props.shopBelowHomeAbove = false;
          props.threeInOne = false;
          props.throughStair = false;
          store.add(ring, village.index, props);
        }
      }
      // houses fill the rest of the block below the facility
      let lowest = cell.rect.y1;
      if (placed)
        for (const id of placed.buildings)
          for (const p of at(store.buildings, id).ring) lowest = Math.min(lowest, plan.frame.toFrame(p)[1]);
      const rest = { ...cell.rect, y1: lowest - r.float(5, 8) };
      if (placed && rest.y1 - rest.y0 >= 14) {
        if (cell.zone === 'core') fillCompounds(ctx, rest, 'core');
        else fillRows(ctx, rest, 'new');
      }
      continue;
    }
    let rect = { ...cell.rect };
    const frontageSide = (['S', 'N', 'W', 'E'] as const).find(
      (side) => cell.sides[side].present && (cell.sides[side].cls === 'town_road' || cell.sides[side].main),
    );
    const wantsShops = frontageSide !== undefined && (village.isSeat ? r.chance(0.92) : r.chance(0.3));
    if (frontageSide && wantsShops) {
      const depth = r.float(12, 16);
      const gap = r.float(2, 4);
      const villageShops = !village.isSeat;
      if (frontageSide === 'S' && rect.y1 - rect.y0 >= depth) {
        fillShops(ctx, 'u', rect.x0, rect.x1, rect.y0, rect.y0 + depth, cell.zone, villageShops);
        rect = { ...rect, y0: rect.y0 + depth + gap };
      } else if (frontageSide === 'N' && rect.y1 - rect.y0 >= depth) {
        fillShops(ctx, 'u', rect.x0, rect.x1, rect.y1 - depth, rect.y1, cell.zone, villageShops);
        rect = { ...rect, y1: rect.y1 - depth - gap };
      } else if (frontageSide === 'W' && rect.x1 - rect.x0 >= depth) {
        fillShops(ctx, 'v', rect.y0, rect.y1, rect.x0, rect.x0 + depth, cell.zone, villageShops);
        rect = { ...rect, x0: rect.x0 + depth + gap };
      } else if (frontageSide === 'E' && rect.x1 - rect.x0 >= depth) {
        fillShops(ctx, 'v', rect.y0, rect.y1, rect.x1 - depth, rect.x1, cell.zone, villageShops);
        rect = { ...rect, x1: rect.x1 - depth - gap };
      }
    }
    if (rect.x1 - rect.x0 < 9 || rect.y1 - rect.y0 < 8) continue;
    if (cell.zone === 'core') fillCompounds(ctx, rect, 'core');
    else fillRows(ctx, rect, 'new');
  }
}

// ---------- sites in the fields ----------

/** A distillery, packaging plant, fuel or LPG station beside a town road outside the settlement. */
export function placeRoadSite(
  kind: FacilityKind,
  villageIndex: number,
  plan: VillagePlan,
  network: PassageNetwork,
  store: BuildingStore,
  facilities: Facility[],
  rng: Rng,
  nearSettlement: boolean,
): Facility | null {
  const r = rng.fork(`site:${kind}:${villageIndex}`);
  const candidates = network.passages.filter(
    (p) => p.villageIndex === villageIndex && p.cls === 'town_road' && p.owner === -1 && p.length > 60,
  );
  if (candidates.length === 0) return null;
  const name = facilityName(kind, plan.village.townName, plan.village.name, r);
  for (let attempt = 0; attempt < 40; attempt++) {
    const passage = r.pick(candidates);
    const along = r.float(0.1, 0.9) * passage.length;
    const spot = pointAlong(passage.points, along);
    const fromCentre = distance(spot.point, plan.village.center);
    if (nearSettlement ? fromCentre > plan.radius + 220 : fromCentre < plan.radius * 0.8) continue;
    const { a, b } = spot;
    const angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
    const frame = new Frame(spot.point, angle);
    const side = r.chance(0.5) ? 1 : -1;
    const offset = passage.width / 2 + r.float(5, 9);
    const width = kind === 'fuel_station' || kind === 'lpg_station' ? 24 : 62;
    const depth = kind === 'fuel_station' || kind === 'lpg_station' ? 16 : 56;
    const rect =
      side > 0
        ? { x0: -width / 2, x1: width / 2, y0: offset, y1: offset + depth }
        : { x0: -width / 2, x1: width / 2, y0: -offset - depth, y1: -offset };
    const placed = placeFacility({ store, facilities, r }, villageIndex, frame, rect, kind, name, 'field', r.float(8, 12), side < 0);
    if (placed) return placed; // a partial site (fewer buildings) is still a believable smaller plant
  }
  return null;
}

/** A livestock farm at the end of its access field road. */
export function placeFarm(
  passageIndex: number,
  network: PassageNetwork,
  store: BuildingStore,
  facilities: Facility[],
  plans: VillagePlan[],
  rng: Rng,
): Facility | null {
  const passage = at(network.passages, passageIndex);
  const r = rng.fork(`farm:${passageIndex}`);
  const endAtB = at(network.degree, passage.nodeB) === 1;
  const points = endAtB ? passage.points : passage.points.slice().reverse();
  const end = last(points);
  const before = at(points, points.length - 2);
  const angle = Math.atan2(end[1] - before[1], end[0] - before[0]) - Math.PI / 2;
  const frame = new Frame(end, angle);
  const plan = plans[passage.villageIndex];
  if (!plan) return null;
  const name = facilityName('farm', plan.village.townName, plan.village.name, r);
  for (const start of [4, 10, 20]) {
    const rect = { x0: -32, x1: 32, y0: start, y1: start + 50 };
    const placed = placeFacility({ store, facilities, r }, passage.villageIndex, frame, rect, 'farm', name, 'field', r.float(6, 10), false);
    if (placed) return placed;
  }
  return null;
}
