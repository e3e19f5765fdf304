// Obstacles on passages (占用消防车通道): piled goods, sheds, parked cars, ground locks, straw. Each point is
// inserted as a vertex of its passage, so it lies exactly on the line after rounding.

import { CAMPAIGN_START, TODAY } from './config';
import { dayNumber, yearOf } from './dates';
import type { Pt } from './geometry';
import { insertVertex, type PassageNetwork } from './passages';
import type { Rng } from './prng';
import type { Passage } from './types';
import type { Village } from './villages';

export type ObstacleType = 'illegal_structure' | 'piled_goods' | 'parked_vehicle' | 'ground_lock' | 'straw_pile';

export interface Obstacle {
  code: string;
  passage: number;
  point: Pt;
  type: ObstacleType;
  status: 'open' | 'cleared';
  foundOn: number;
  clearedOn: number | null;
  note: string;
}

const NOTES: Record<ObstacleType, readonly string[]> = {
  illegal_structure: ['违章搭建彩钢棚占用通道', '私自搭建简易棚圈占道', '门前违建台阶、围墙挤占通道', '临街违建雨棚伸出路面'],
  piled_goods: ['堆放建材杂物占用通道约1.5米', '门前堆放废旧家具、纸箱', '堆放砖块沙石占道', '堆放农具及杂物'],
  parked_vehicle: ['私家车长期停放占道', '农用三轮车夜间停放巷内', '货车占道停放', '电动三轮车停放堵塞巷口'],
  ground_lock: ['私设地锁占用车位通道', '门前安装地桩、地锁', '设置隔离墩阻断通道'],
  straw_pile: ['巷道内堆放秸秆柴草', '玉米秸秆堆放于路边占道', '柴草垛占用巷道'],
};

export class ObstacleRegistry {
  readonly obstacles: Obstacle[] = [];
  private readonly start = dayNumber(CAMPAIGN_START);
  private readonly today = dayNumber(TODAY);

  constructor(private readonly network: PassageNetwork) {}

  add(passage: Passage, along: number, type: ObstacleType, r: Rng): Obstacle {
    const point = insertVertex(passage, along);
    const foundOn = r.int(this.start, this.today - 2);
    // Fixed illegal obstacles were the 2024 target: most found then were cleared by the end of 2024.
    const clearChance = type === 'illegal_structure' && yearOf(foundOn) === 2024 ? 0.88 : foundOn < this.today - 120 ? 0.72 : 0.45;
    let clearedOn: number | null = null;
    if (r.chance(clearChance)) {
      const limit = type === 'illegal_structure' && yearOf(foundOn) === 2024 ? Math.min(this.today, dayNumber('2024-12-31')) : this.today;
      clearedOn = Math.min(limit, foundOn + r.int(2, 90));
      if (clearedOn <= foundOn) clearedOn = Math.min(this.today, foundOn + 1);
    }
    const obstacle: Obstacle = {
      code: '',
      passage: passage.index,
      point,
      type,
      status: clearedOn === null ? 'open' : 'cleared',
      foundOn,
      clearedOn,
      note: r.pick(NOTES[type]),
    };
    this.obstacles.push(obstacle);
    return obstacle;
  }

  /** Scatter obstacles over the lanes and streets of each village. */
  scatter(villages: readonly Village[], rng: Rng): void {
    const byVillage = new Map<number, Passage[]>();
    for (const passage of this.network.passages) {
      if (passage.villageIndex < 0 || passage.length < 12) continue;
      if (passage.cls === 'field_road') continue;
      if (passage.cls === 'town_road' && passage.owner === -1) continue;
      const list = byVillage.get(passage.villageIndex);
      if (list) list.push(passage);
      else byVillage.set(passage.villageIndex, [passage]);
    }
    for (const village of villages) {
      const r = rng.fork(`obstacles:${village.index}`);
      const candidates = byVillage.get(village.index) ?? [];
      if (candidates.length === 0) continue;
      const count = village.isSeat ? r.int(10, 14) : r.int(2, 6);
      for (let k = 0; k < count; k++) {
        const passage = r.pick(candidates);
        const type: ObstacleType =
          passage.cls === 'lane'
            ? r.weighted<ObstacleType>([
                ['piled_goods', 35],
                ['illegal_structure', 20],
                ['straw_pile', 12],
                ['parked_vehicle', 25],
                ['ground_lock', 8],
              ])
            : passage.cls === 'village_road'
              ? r.weighted<ObstacleType>([
                  ['parked_vehicle', 35],
                  ['piled_goods', 25],
                  ['illegal_structure', 15],
                  ['ground_lock', 17],
                  ['straw_pile', 8],
                ])
              : r.weighted<ObstacleType>([
                  ['parked_vehicle', 50],
                  ['ground_lock', 20],
                  ['piled_goods', 30],
                ]);
        this.add(passage, r.float(3, passage.length - 3), type, r);
      }
    }
  }

  finish(): void {
    this.obstacles.sort((a, b) => a.passage - b.passage || a.foundOn - b.foundOn);
    this.obstacles.forEach((o, i) => (o.code = `O${String(i + 1).padStart(5, '0')}`));
  }
}
