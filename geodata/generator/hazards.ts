// Fire hazards found during the campaign (2024-01 .. 2026-11), each with its rectification history:
// created -> notified -> pending -> in_progress -> awaiting_review -> closed (销号). Some are still open,
// some are past their deadline (overdue).

import type { BuildingStore } from './building-store';
import { CAMPAIGN_START, TODAY } from './config';
import { dayNumber, timestamp } from './dates';
import { centroid, convexGap, type Pt, pointAlong } from './geometry';
import { at } from './list';
import type { Obstacle } from './obstacles';
import type { PassageNetwork } from './passages';
import { inspectorsOf, type Staff } from './people';
import type { Rng } from './prng';
import type { StrawStack } from './straw';
import type { Building, HazardCategory, HazardStatus, PlaceType, UnitKind } from './types';
import type { Unit } from './units';
import type { Village } from './villages';
import type { WaterSource } from './water';

export interface HazardEvent {
  at: string;
  actor: string;
  action: 'created' | 'notified' | 'transition';
  from: HazardStatus | null;
  to: HazardStatus | null;
  note: string;
  notifyMethod: string | null;
}

export interface Hazard {
  code: string;
  villageIndex: number;
  building: number;
  unit: number;
  passage: number;
  category: HazardCategory;
  placeType: PlaceType | null;
  severity: 'general' | 'major';
  criterion: string | null;
  description: string;
  foundOn: number;
  deadline: number;
  status: HazardStatus;
  person: string;
  closedOn: number | null;
  events: HazardEvent[];
  point: Pt;
}

const CATEGORY_WEIGHTS: readonly (readonly [HazardCategory, number])[] = [
  ['passage', 14],
  ['spacing', 10],
  ['water', 5],
  ['electrical', 20],
  ['fire_use', 14],
  ['exits', 8],
  ['alarm_extinguisher', 14],
  ['straw', 10],
  ['other', 5],
];

const DESCRIPTIONS: Partial<Record<HazardCategory, readonly string[]>> = {
  electrical: [
    '电气线路私拉乱接，未穿管保护',
    '电动自行车在室内（楼道）充电',
    '老旧电线绝缘层老化破损',
    '大功率电器与插座不匹配，插座过载',
    '配电箱周边堆放可燃物',
    '电热毯、小太阳取暖器使用不当',
  ],
  fire_use: [
    '土炕、火炉烟道紧邻柴草等可燃物',
    '厨房用火无人看管',
    '液化石油气钢瓶与灶具间距不足、软管老化',
    '冬季燃煤取暖炉具未安装烟道',
    '在屋内焚烧杂物',
  ],
  exits: ['安全出口上锁', '疏散通道堆放杂物', '窗户设置固定防盗网影响逃生', '仅设一个安全出口且宽度不足', '楼梯间堆放货物，通天楼梯未分隔'],
  alarm_extinguisher: [
    '未配置灭火器',
    '灭火器过期失效',
    '未安装独立式感烟火灾探测报警器',
    '应急照明和疏散指示标志损坏',
    '室内消火栓无水带、水枪',
  ],
  other: [
    '消防安全责任制未落实，未明确消防安全管理人',
    '未建立防火巡查、检查记录',
    '员工未经消防安全培训',
    '住人与生产经营储存合用（三合一），未采取防火分隔',
    '可燃物大量堆放，未分类分区存放',
  ],
};

const NOTIFY_METHODS: readonly (readonly [string, number])[] = [
  ['written_notice', 4],
  ['in_person', 3],
  ['phone', 2],
  ['sms', 2],
];

const NOTIFY_NOTES: Record<string, string> = {
  written_notice: '下达《责令限期改正通知书》',
  in_person: '现场告知责任人并签字确认',
  phone: '电话通知责任人限期整改',
  sms: '短信通知责任人限期整改',
};

function placeTypeOf(kind: UnitKind): PlaceType | null {
  return kind === 'other' ? null : (kind as PlaceType);
}

interface LifecycleOptions {
  stuck: boolean;
  closeOn?: number | null;
  keepOpen?: boolean;
}

function lifecycle(
  r: Rng,
  found: number,
  deadline: number,
  person: string,
  inspectors: string[],
  villageActor: string,
  options: LifecycleOptions,
): { status: HazardStatus; closedOn: number | null; events: HazardEvent[] } {
  const today = dayNumber(TODAY);
  const inspector = r.pick(inspectors);
  const events: HazardEvent[] = [];
  let lastDay = found;
  let lastMinute = r.int(540, 960);
  events.push({
    at: timestamp(found, lastMinute),
    actor: inspector,
    action: 'created',
    from: null,
    to: 'pending',
    note: '检查发现隐患，录入隐患清单',
    notifyMethod: null,
  });
  const step = (day: number): [number, number] => {
    let d = Math.max(day, lastDay);
    let m = d === lastDay ? lastMinute + r.int(20, 180) : r.int(510, 1050);
    if (m > 1170) {
      d += 1;
      m = r.int(510, 700);
    }
    return [d, m];
  };
  const method = r.weighted(NOTIFY_METHODS);
  let [day, minute] = step(found + (r.chance(0.6) ? 0 : r.int(1, 2)));
  if (day > today) return { status: 'pending', closedOn: null, events };
  events.push({
    at: timestamp(day, minute),
    actor: inspector,
    action: 'notified',
    from: null,
    to: null,
    note: `${NOTIFY_NOTES[method]}（${person}）`,
    notifyMethod: method,
  });
  lastDay = day;
  lastMinute = minute;

  const span = Math.max(3, deadline - found);
  let startDay = day + r.int(0, 6);
  let reviewDay = Math.max(startDay + 1, deadline + Math.round(span * r.float(-0.6, 0.25)));
  let closeDay = reviewDay + r.int(1, 8);
  if (options.closeOn != null) {
    closeDay = Math.max(options.closeOn, day + 2);
    startDay = Math.min(startDay, closeDay - 2);
    reviewDay = Math.min(Math.max(startDay + 1, reviewDay), closeDay - 1);
  }
  const stopAt: HazardStatus =
    options.stuck || options.keepOpen ? r.pick<HazardStatus>(['pending', 'in_progress', 'in_progress', 'awaiting_review']) : 'closed';
  const plan: [HazardStatus, HazardStatus, number, string, string][] = [
    ['pending', 'in_progress', startDay, villageActor, '责任人已开始整改'],
    ['in_progress', 'awaiting_review', reviewDay, `${person}（责任人）`, '整改完成，提交复查申请及整改照片'],
    ['awaiting_review', 'closed', closeDay, inspector, '复查合格，予以销号'],
  ];
  let status: HazardStatus = 'pending';
  let closedOn: number | null = null;
  for (const [from, to, at, actor, note] of plan) {
    if (status === stopAt) break;
    [day, minute] = step(at);
    if (day > today || (day === today && minute > 1020)) break;
    events.push({ at: timestamp(day, minute), actor, action: 'transition', from, to, note, notifyMethod: null });
    lastDay = day;
    lastMinute = minute;
    status = to;
    if (to === 'closed') closedOn = day;
  }
  return { status, closedOn, events };
}

export function buildHazards(
  villages: readonly Village[],
  store: BuildingStore,
  units: readonly Unit[],
  network: PassageNetwork,
  obstacles: readonly Obstacle[],
  stacks: readonly StrawStack[],
  water: readonly WaterSource[],
  staff: Staff,
  rng: Rng,
): Hazard[] {
  const hazards: Hazard[] = [];
  const start = dayNumber(CAMPAIGN_START);
  const today = dayNumber(TODAY);
  const buildingsByVillage = new Map<number, Building[]>();
  for (const b of store.buildings) {
    const list = buildingsByVillage.get(b.villageIndex);
    if (list) list.push(b);
    else buildingsByVillage.set(b.villageIndex, [b]);
  }
  const unitByBuilding = new Map<number, number>();
  units.forEach((u, i) => u.building >= 0 && unitByBuilding.set(u.building, i));

  for (const village of villages) {
    const r = rng.fork(`hazards:${village.index}`);
    const buildings = buildingsByVillage.get(village.index) ?? [];
    const villageUnits = units.map((u, i) => ({ u, i })).filter((x) => x.u.villageIndex === village.index);
    const houses = buildings.filter(
      (b) => b.use === 'residential' && (b.role === 'house_main' || b.role === 'house_new' || b.role === 'house_renovated'),
    );
    const coreHouses = houses.filter((b) => b.role === 'house_main');
    const villageObstacles = obstacles.filter((o) => at(network.passages, o.passage).villageIndex === village.index);
    const villageStacks = stacks.filter((s) => s.villageIndex === village.index);
    const villageWater = water.filter((w) => w.villageIndex === village.index && (w.status === 'out_of_service' || w.months.length < 12));
    const lanes = network.passages.filter(
      (p) => p.villageIndex === village.index && (p.cls === 'lane' || p.clearHeight !== null) && p.length > 20,
    );
    const inspectors = inspectorsOf(staff, village.townIndex);
    const grid = staff.gridWorkers.get(village.index) ?? ['网格员'];
    const head = staff.villageHeads.get(village.index) ?? '村主干';
    const count = Math.round(r.float(0.85, 1.15) * (5 + buildings.length * 0.026 + villageUnits.length * 0.2));
    // key places draw more inspections (and findings) than the many small shops
    const unitWeights = villageUnits.map((x) => [x, x.u.kind === 'nine_small' || x.u.kind === 'other' ? 1 : 8] as const);
    const usedObstacles = new Set<Obstacle>();
    const usedStacks = new Set<StrawStack>();

    for (let k = 0; k < count; k++) {
      const category = r.weighted(CATEGORY_WEIGHTS);
      let building = -1;
      let unit = -1;
      let passage = -1;
      let placeType: PlaceType | null = null;
      let description = '';
      let point: Pt = village.center;
      let person = head;
      let found = r.int(start + 1, today - 1);
      let closeOn: number | null = null;
      let keepOpen = false;
      let majorChance = 0.06;
      let criterion = 'GB 35181 综合判定要素合计3项以上';

      if (category === 'passage') {
        const obstacle = villageObstacles.find((o) => !usedObstacles.has(o) && r.chance(0.7));
        if (obstacle) {
          usedObstacles.add(obstacle);
          const p = at(network.passages, obstacle.passage);
          passage = p.index;
          point = obstacle.point;
          found = obstacle.foundOn;
          closeOn = obstacle.clearedOn;
          keepOpen = obstacle.clearedOn === null;
          description = `${p.name ?? (p.cls === 'lane' ? '巷道' : '村道')}：${obstacle.note}，消防车通道被占用`;
        } else if (lanes.length > 0) {
          const p = r.pick(lanes);
          passage = p.index;
          point = pointAlong(p.points, p.length / 2).point;
          const deadEnd = network.degree[p.nodeA] === 1 || network.degree[p.nodeB] === 1;
          if (p.clearHeight !== null && p.clearHeight < 4)
            description = `${p.name ?? '巷道'}：门楼（过街楼）净高${p.clearHeight}米，消防车无法通过`;
          else if (deadEnd && !p.hasTurnaround && p.length > 40) description = `尽头式巷道长${Math.round(p.length)}米，未设回车场`;
          else description = `${p.name ?? '巷道'}净宽仅${p.width}米，不满足消防车通行要求（不小于4米）`;
        } else continue;
        majorChance = 0.04;
        criterion = 'GB 35181 综合判定要素：消防车通道被占用、堵塞等合计3项以上';
        person = head;
      } else if (category === 'spacing') {
        if (coreHouses.length === 0) continue;
        const b = r.pick(coreHouses);
        building = b.index;
        point = b.centroid;
        person = b.person;
        placeType = 'self_built';
        let gap = Infinity;
        for (const other of store.near(b.ring, 8))
          if (other !== b.index) gap = Math.min(gap, convexGap(b.ring, at(store.buildings, other).ring));
        const grade = b.grade === '4' ? '四' : b.grade === '3' ? '三' : '一、二';
        const gapText =
          gap === Infinity ? '与相邻建筑间距不足6米' : gap < 0.05 ? '与相邻建筑贴邻建造' : `与相邻建筑间距仅${gap.toFixed(1)}米`;
        description = `${gapText}，防火间距不足，${grade}级耐火等级建筑连片`;
        majorChance = 0.05;
        criterion = 'GB 35181 综合判定要素：防火间距不足、低耐火等级建筑连片等合计3项以上';
      } else if (category === 'water') {
        const source = villageWater.length > 0 && r.chance(0.8) ? r.pick(villageWater) : null;
        if (source) {
          point = source.point;
          description =
            source.status === 'out_of_service'
              ? `${source.name}${source.kind === 'hydrant' ? '损坏，无法正常出水' : '停用，无法取水'}`
              : `${source.name}冬春季干涸，枯水期无法保障消防用水`;
        } else {
          description = '村内无可靠消防水源，现有水源距居民区过远';
        }
        majorChance = 0.03;
        person = head;
      } else if (category === 'straw') {
        const stack = villageStacks.find((s) => !usedStacks.has(s) && r.chance(0.6));
        if (!stack) continue;
        usedStacks.add(stack);
        point = centroid(stack.ring);
        if (stack.passage >= 0) {
          passage = stack.passage;
          description = '巷道内堆放柴草，占用消防车通道';
        } else {
          const nearby = store.near(stack.ring, 25);
          let nearest = -1;
          let gap = Infinity;
          for (const id of nearby) {
            const g = convexGap(stack.ring, at(store.buildings, id).ring);
            if (g < gap) {
              gap = g;
              nearest = id;
            }
          }
          if (nearest >= 0) {
            building = nearest;
            person = at(store.buildings, nearest).person;
            placeType = at(store.buildings, nearest).use === 'residential' ? 'self_built' : null;
            description = `${stack.size === 'large' ? '大型' : ''}柴草堆垛距民房仅${Math.max(0.5, gap).toFixed(1)}米`;
          } else description = '柴草堆垛靠近输电线路，未设防火隔离带';
        }
        majorChance = 0.02;
      } else {
        // electrical, fire_use, exits, alarm_extinguisher, other: a unit or a self-built house
        const wantsUnit = villageUnits.length > 0 && r.chance(category === 'exits' ? 0.9 : category === 'other' ? 0.7 : 0.45);
        if (wantsUnit) {
          const { u, i } = r.weighted(unitWeights);
          unit = i;
          building = u.building;
          point = u.building >= 0 ? at(store.buildings, u.building).centroid : u.point;
          person = u.person;
          placeType = placeTypeOf(u.kind);
          if (u.kind === 'crowded' || u.kind === 'key_unit')
            majorChance = category === 'exits' || category === 'alarm_extinguisher' ? 0.25 : 0.1;
          if (u.kind === 'distillery' || u.kind === 'packaging') majorChance = 0.2;
          if (category === 'exits') criterion = 'GB 35181 直接判定要素：安全出口数量不足或被封堵、锁闭';
          else if (category === 'alarm_extinguisher' && (u.kind === 'crowded' || u.kind === 'key_unit'))
            criterion = 'GB 35181 直接判定要素：人员密集场所未按规定设置火灾自动报警系统';
          else if (u.kind === 'distillery') criterion = 'GB 35181 直接判定要素：易燃易爆危险品场所与居住场所设置在同一建筑物内';
        } else {
          if (houses.length === 0) continue;
          const b = r.pick(houses);
          building = b.index;
          const u = unitByBuilding.get(b.index);
          if (u !== undefined) unit = u;
          point = b.centroid;
          person = b.person;
          placeType = 'self_built';
        }
        if (building >= 0 && at(store.buildings, building).threeInOne) {
          majorChance = 0.35;
          criterion = 'GB 35181 直接判定要素：居住场所与生产、经营、储存场所设置在同一建筑物内且未采取防火分隔';
        }
        description = r.pick(DESCRIPTIONS[category] ?? DESCRIPTIONS.other ?? ['']);
        if (category === 'exits' && placeType === 'self_built') description = '经营性自建房仅一个出口，窗户设置固定防盗网';
      }

      const severity = r.chance(majorChance) ? 'major' : 'general';
      const deadline = found + (severity === 'major' ? r.int(30, 90) : r.int(7, 30));
      const villageActor = r.chance(0.5) ? r.pick(grid) : `${head}（村委会）`;
      const life = lifecycle(r, found, deadline, person, inspectors, villageActor, { stuck: r.chance(0.06), closeOn, keepOpen });
      // Hazards are plotted on (or right next to) the place they belong to.
      const jitter = building >= 0 ? 2 : 0;
      hazards.push({
        code: '',
        villageIndex: village.index,
        building,
        unit,
        passage,
        category,
        placeType,
        severity,
        criterion: severity === 'major' ? criterion : null,
        description,
        foundOn: found,
        deadline,
        status: life.status,
        person,
        closedOn: life.closedOn,
        events: life.events,
        point: jitter > 0 ? [point[0] + r.float(-jitter, jitter), point[1] + r.float(-jitter, jitter)] : point,
      });
    }
  }
  hazards.sort((a, b) => a.foundOn - b.foundOn || a.villageIndex - b.villageIndex);
  hazards.forEach((h, i) => (h.code = `H${String(i + 1).padStart(5, '0')}`));
  return hazards;
}
