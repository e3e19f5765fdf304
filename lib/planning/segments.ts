import { openObstacles, passageOutlines } from '../../db/queries/planning-network';
import type { Db } from '../../db/schema';
import { findDeadEnds } from '../analysis/dead-ends';
import { analyseReachability } from '../analysis/reachability';
import { chinaToday } from '../time';
import { MILESTONES, type MilestoneId } from './fixes';
import { edgeAt } from './network-lookup';
import { loadScenarioBase } from './scenario-cache';

export interface SegmentObstacle {
  id: number;
  code: string;
  type: string;
  found_on: string;
  milestone: MilestoneId;
}

export interface SegmentToFix {
  rank: number;
  passage_id: number;
  code: string;
  name: string | null;
  village_code: string | null;
  class: string;
  width_m: number;
  height_m: number | null;
  length_m: number;
  reasons: ('obstacle' | 'narrow' | 'low' | 'dead_end')[];
  /** Buildings that get truck access when this segment alone is made passable (the reachability analysis's ranking). */
  cut_off: number;
  building_ids: number[];
  dead_end_m: number | null;
  obstacles: SegmentObstacle[];
  milestone: MilestoneId;
  milestone_due: string;
  overdue: boolean;
  geometry: GeoJSON.Geometry;
}

export interface SegmentsToFix {
  segments: SegmentToFix[];
  today: string;
  buildings: number;
  without_truck_access: number;
}

/** Obstacle types that are fixed structures (the end-2024 milestone: 固定障碍物). */
const FIXED_OBSTACLES = ['illegal_structure', 'ground_lock'];
/** An obstacle this close to a crowded place falls under the end-2025 milestone (metres). */
const CROWDED_NEAR_M = 50;
/** The overall milestone (end 2026): what a segment without an earlier one falls under. */
const LAST_MILESTONE = MILESTONES[2];

const dueOf = (milestone: MilestoneId) => MILESTONES.find((m) => m.id === milestone)?.due ?? LAST_MILESTONE.due;
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * Blocked and substandard segments ranked by impact (buildings cut off from truck access, from the same
 * reachability code as the analysis), with their open obstacles and the campaign milestone each falls
 * under: end 2024 fixed obstacles on lanes, end 2025 obstacles at crowded places, end 2026 the rest.
 * A milestone is overdue when `today` (in China) is past its due date.
 */
export async function segmentsToFix(db: Db, today: string = chinaToday()): Promise<SegmentsToFix> {
  const base = await loadScenarioBase(db);
  const { graph, limits } = base;
  const reach = analyseReachability({
    graph,
    limits,
    sourceNodes: base.truckSources.map((s) => edgeAt(graph, s.at.edge).a),
    buildings: base.buildings,
  });
  const blocked = new Map(reach.blocked.map((b) => [b.edge, b]));
  const deadEnds = new Map<number, number>();
  for (const d of findDeadEnds(graph)) {
    const [first] = d.edges;
    if (first !== undefined && d.lengthM > base.deadEndM && !d.hasTurnaround) deadEnds.set(first, d.lengthM);
  }

  const obstaclesByPassage = new Map<number, SegmentObstacle[]>();
  for (const o of await openObstacles(db, CROWDED_NEAR_M)) {
    const milestone: MilestoneId = FIXED_OBSTACLES.includes(o.obstacle_type) ? '2024' : o.near_crowded ? '2025' : '2026';
    const list = obstaclesByPassage.get(o.passage_id) ?? [];
    list.push({ id: o.id, code: o.code, type: o.obstacle_type, found_on: o.found_on, milestone });
    obstaclesByPassage.set(o.passage_id, list);
  }

  const flagged = graph.edges.filter((edge) => blocked.has(edge.index) || deadEnds.has(edge.index));
  const outlines = await passageOutlines(
    db,
    flagged.map((e) => e.id),
  );
  const segments = flagged.flatMap((edge): SegmentToFix[] => {
    const outline = outlines.get(edge.id);
    if (!outline) return []; // removed since the network was read
    const segment = blocked.get(edge.index);
    const deadEndM = deadEnds.get(edge.index);
    const obstacles = obstaclesByPassage.get(edge.id) ?? [];
    const reasons: SegmentToFix['reasons'] = [...(segment?.reasons ?? [])];
    if (deadEndM !== undefined) reasons.push('dead_end');
    // Milestones are year strings: the earliest is the smallest string.
    // biome-ignore lint/complexity/useMathMinMax: Math.min does not compare strings
    const milestone = obstacles.reduce<MilestoneId>((m, o) => (o.milestone < m ? o.milestone : m), LAST_MILESTONE.id);
    const due = dueOf(milestone);
    return [
      {
        rank: 0,
        passage_id: edge.id,
        code: edge.code,
        name: outline.name,
        village_code: edge.villageCode,
        class: outline.class,
        width_m: edge.widthM,
        height_m: edge.heightM,
        length_m: oneDecimal(edge.lengthM),
        reasons,
        cut_off: segment?.cutOff.length ?? 0,
        building_ids: segment?.cutOff ?? [],
        dead_end_m: deadEndM === undefined ? null : oneDecimal(deadEndM),
        obstacles,
        milestone,
        milestone_due: due,
        overdue: today > due,
        geometry: outline.geometry,
      },
    ];
  });
  segments.sort((a, b) => b.cut_off - a.cut_off || a.milestone.localeCompare(b.milestone) || a.passage_id - b.passage_id);
  segments.forEach((s, i) => {
    s.rank = i + 1;
  });
  return { segments, today, buildings: base.buildings.length, without_truck_access: reach.unreachable.length };
}
