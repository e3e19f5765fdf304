import { sql } from 'kysely';
import { lastDayOfMonth, minDate, monthsBetween } from '../../../lib/time';
import type { Db } from '../../schema';
import { inVillages, openOn, overdueOn, ratio, type StatsScope } from './scope';

/** The hazard list at the end of one month: 动态清零 progress. */
export interface ClosurePoint {
  month: string;
  /** Hazards found from the campaign start to the month's end (or today). */
  found: number;
  /** Of them, closed by then. */
  closed: number;
  open: number;
  /** closed / found; null before the first hazard. */
  closureRate: number | null;
}

/** Closure rate month by month from `fromMonth` to today's month (one query). */
export async function closureTrend(db: Db, scope: StatsScope & { fromMonth: string }): Promise<ClosurePoint[]> {
  const months = monthsBetween(`${scope.fromMonth}-01`, scope.today);
  const monthEnd = (month: string) => {
    const [year, m] = month.split('-').map(Number) as [number, number];
    return minDate(lastDayOfMonth(year, m), scope.today);
  };
  const ends = months.map(monthEnd);
  const result = await sql<{ month_end: string; found: number; closed: number }>`
    SELECT e.month_end::text AS month_end,
      count(h.id) FILTER (WHERE h.found_on <= e.month_end)::int AS found,
      count(h.id) FILTER (WHERE h.closed_on <= e.month_end)::int AS closed
    FROM unnest(${ends}::date[]) AS e(month_end)
    LEFT JOIN hazards h ON ${inVillages('h.village_code', scope.villages)}
    GROUP BY e.month_end ORDER BY e.month_end`.execute(db);
  const byEnd = new Map(result.rows.map((row) => [row.month_end.slice(0, 10), row]));
  return months.map((month) => {
    const row = byEnd.get(monthEnd(month)) ?? { found: 0, closed: 0 };
    return { month, found: row.found, closed: row.closed, open: row.found - row.closed, closureRate: ratio(row.closed, row.found) };
  });
}

export interface VillageHazards {
  code: string;
  name: string;
  open: number;
  openMajor: number;
  overdue: number;
  found: number;
  closed: number;
  closureRate: number | null;
}

/** Every village (or the given ones) with its hazards as of today, most open first (the ranking). */
export async function hazardsByVillage(db: Db, scope: StatsScope): Promise<VillageHazards[]> {
  const { today } = scope;
  const result = await sql<Omit<VillageHazards, 'closureRate'>>`
    SELECT v.code, v.name,
      count(h.id) FILTER (WHERE ${openOn(today)})::int AS open,
      count(h.id) FILTER (WHERE ${openOn(today)} AND h.severity = 'major')::int AS "openMajor",
      count(h.id) FILTER (WHERE ${overdueOn(today)})::int AS overdue,
      count(h.id) FILTER (WHERE h.found_on <= ${today}::date)::int AS found,
      count(h.id) FILTER (WHERE h.closed_on <= ${today}::date)::int AS closed
    FROM villages v LEFT JOIN hazards h ON h.village_code = v.code
    WHERE ${inVillages('v.code', scope.villages)}
    GROUP BY v.code, v.name
    ORDER BY open DESC, overdue DESC, v.code`.execute(db);
  return result.rows.map((row) => ({ ...row, closureRate: ratio(row.closed, row.found) }));
}

export interface CategoryHazards {
  category: string;
  open: number;
  overdue: number;
  /** Found in today's calendar year up to today. */
  foundThisYear: number;
}

/** Hazards by category as of today, most open first; only categories that have any hazard. */
export async function hazardsByCategory(db: Db, scope: StatsScope): Promise<CategoryHazards[]> {
  const { today } = scope;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const result = await sql<CategoryHazards>`
    SELECT h.category,
      count(*) FILTER (WHERE ${openOn(today)})::int AS open,
      count(*) FILTER (WHERE ${overdueOn(today)})::int AS overdue,
      count(*) FILTER (WHERE h.found_on BETWEEN ${yearStart}::date AND ${today}::date)::int AS "foundThisYear"
    FROM hazards h
    WHERE ${inVillages('h.village_code', scope.villages)} AND h.found_on <= ${today}::date
    GROUP BY h.category
    ORDER BY open DESC, "foundThisYear" DESC, h.category`.execute(db);
  return result.rows;
}
