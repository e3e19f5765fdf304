/**
 * Targets of the three-year campaign the screen and the reports measure against, in one place.
 *
 * Source: 刘胡兰镇人民政府《消防安全治本攻坚三年行动实施方案（2024—2026年）》兰政发〔2024〕18号
 * (/work/shared/seed/000_22a470f66759d269.txt), restated in DOMAIN.md:
 * - 三、(一) 3: "2024年，每个消防安全重点单位至少培养1名'消防安全明白人'；2025年底，每个人员密集场所单位至少
 *   培养1名；2026年底，其他社会单位至少培养1名" → every unit of the group has ≥ 1 trained person by the deadline.
 * - 三、(三) 7: "每年至少组织开展3次疏散逃生演练，重点是医院、学校、酒类和包装类企业" → ≥ 3 drills a year.
 * - 三、(五) 11: fire-truck passage milestones (end 2024 / 2025 / 2026). The plan says "基本清除" (basically
 *   cleared) and "明显改善" (markedly improved) without a number; the shares below are this town's reading of
 *   those words (verify with the campaign office, like the other "(verify)" defaults).
 * - 三、(四) 8: 重大事故隐患 "动态清零" → the closure rate aims at 100 %.
 */

export interface TrainingTarget {
  id: 'key_units_2024' | 'crowded_2025' | 'all_units_2026';
  /** Unit kinds (social_units.kind) the target applies to; empty = every unit. */
  kinds: readonly string[];
  /** The last day by which each unit of the group must have ≥ `perUnit` trained persons. */
  deadline: string;
  perUnit: number;
  clause: string;
}

export const TRAINING_TARGETS: readonly TrainingTarget[] = [
  { id: 'key_units_2024', kinds: ['key_unit'], deadline: '2024-12-31', perUnit: 1, clause: '兰政发〔2024〕18号 三、(一)3' },
  { id: 'crowded_2025', kinds: ['crowded'], deadline: '2025-12-31', perUnit: 1, clause: '兰政发〔2024〕18号 三、(一)3' },
  // "其他社会单位" by the end of 2026: by then every unit, whatever its kind, must have one.
  { id: 'all_units_2026', kinds: [], deadline: '2026-12-31', perUnit: 1, clause: '兰政发〔2024〕18号 三、(一)3' },
];

export const DRILL_TARGET = {
  /** Evacuation drills each unit of the group holds per calendar year. */
  perYear: 3,
  /** 医院、学校 (key units: schools, health centre, nursing home …), 酒类 and 包装类 enterprises. */
  kinds: ['key_unit', 'distillery', 'packaging'] as readonly string[],
  clause: '兰政发〔2024〕18号 三、(三)7',
} as const;

export interface PassageMilestone {
  id: 'end_2024' | 'end_2025' | 'end_2026';
  date: string;
  /** Share of the obstacles found by the date that must be cleared by it (town setting, verify). */
  clearedShare: number;
  clause: string;
}

export const PASSAGE_MILESTONES: readonly PassageMilestone[] = [
  { id: 'end_2024', date: '2024-12-31', clearedShare: 0.9, clause: '兰政发〔2024〕18号 三、(五)11' },
  { id: 'end_2025', date: '2025-12-31', clearedShare: 0.9, clause: '兰政发〔2024〕18号 三、(五)11' },
  { id: 'end_2026', date: '2026-12-31', clearedShare: 0.95, clause: '兰政发〔2024〕18号 三、(五)11' },
];

/** 动态清零: every hazard found is closed. */
export const CLOSURE_TARGET = 1;

/** The campaign's span: trends start here. */
export const CAMPAIGN_START = '2024-01-01';
export const CAMPAIGN_END = '2026-12-31';
