import { sql } from 'kysely';
import { PASSAGE_MILESTONES, type PassageMilestone } from '../../../lib/domain/campaign';
import { minDate } from '../../../lib/time';
import type { Db } from '../../schema';
import { singleRow } from '../rows';
import { inVillages, ratio, type StatsScope } from './scope';

export interface MilestoneProgress {
  id: PassageMilestone['id'];
  date: string;
  /** The day counted to: the milestone, or today if it is still ahead. */
  asOf: string;
  reached: boolean;
  /** Obstacles found by then, and of them cleared by then. */
  found: number;
  cleared: number;
  clearedShare: number | null;
  target: number;
  /** Passage fixes (通道整改, the planner's records) completed by then. */
  passageFixes: number;
}

export interface PassageProgress {
  milestones: MilestoneProgress[];
  openObstacles: number;
}

/**
 * Passage fixes completed (已完成 or 已验收) in a period, in the given villages: a fix belongs to the village of the
 * passage it changes, the passage of the obstacle it clears, or the passage it created.
 */
export async function completedPassageFixes(db: Db, villages: readonly string[], from: string | null, to: string): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n
    FROM passage_fixes f
    LEFT JOIN obstacles o ON o.id = f.obstacle_id
    LEFT JOIN passages p ON p.id = coalesce(f.passage_id, o.passage_id, f.created_passage_id)
    WHERE f.completed_on <= ${to}::date ${from ? sql`AND f.completed_on >= ${from}::date` : sql``}
      AND ${inVillages('p.village_code', villages)}`.execute(db);
  return singleRow(result).n;
}

/** 打通消防车通道: obstacles cleared and passage fixes completed against the campaign milestones (end 2024 / 2025 / 2026). */
export async function passageProgress(db: Db, scope: StatsScope): Promise<PassageProgress> {
  const days = PASSAGE_MILESTONES.map((m) => minDate(m.date, scope.today));
  const result = await sql<{ day: string; found: number; cleared: number }>`
    SELECT d.day::text AS day,
      count(o.id) FILTER (WHERE o.found_on <= d.day)::int AS found,
      count(o.id) FILTER (WHERE o.cleared_on <= d.day)::int AS cleared
    FROM unnest(${days}::date[]) AS d(day)
    LEFT JOIN (obstacles o JOIN passages p ON p.id = o.passage_id) ON ${inVillages('p.village_code', scope.villages)}
    GROUP BY d.day`.execute(db);
  const byDay = new Map(result.rows.map((row) => [row.day.slice(0, 10), row]));
  const fixes = await Promise.all(days.map((day) => completedPassageFixes(db, scope.villages, null, day)));
  const milestones = PASSAGE_MILESTONES.map((milestone, i) => {
    const asOf = minDate(milestone.date, scope.today);
    const row = byDay.get(asOf) ?? { found: 0, cleared: 0 };
    return {
      id: milestone.id,
      date: milestone.date,
      asOf,
      reached: milestone.date <= scope.today,
      found: row.found,
      cleared: row.cleared,
      clearedShare: ratio(row.cleared, row.found),
      target: milestone.clearedShare,
      passageFixes: fixes[i] ?? 0,
    };
  });
  const open = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM obstacles o JOIN passages p ON p.id = o.passage_id
    WHERE ${inVillages('p.village_code', scope.villages)}
      AND o.found_on <= ${scope.today}::date AND (o.cleared_on IS NULL OR o.cleared_on > ${scope.today}::date)`.execute(db);
  return { milestones, openObstacles: singleRow(open).n };
}
