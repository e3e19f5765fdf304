import { sql } from 'kysely';
import type { Db } from '../../schema';
import { inVillages, type StatsScope } from './scope';

export interface IncidentMonth {
  month: number;
  fires: number;
  deaths: number;
  firesLastYear: number;
  deathsLastYear: number;
}

export interface IncidentComparison {
  year: number;
  months: IncidentMonth[];
  /** This year up to today, and last year's whole year and up to the same day. */
  totals: { fires: number; deaths: number; firesLastYear: number; deathsLastYear: number; firesLastYearToDate: number };
}

/** Fires and deaths by month, this year (to today) against last year (火灾总量和亡人数量平稳可控). */
export async function incidentComparison(db: Db, scope: StatsScope): Promise<IncidentComparison> {
  const year = Number(scope.today.slice(0, 4));
  const sameDayLastYear = `${year - 1}${scope.today.slice(4)}`.replace(/-02-29$/, '-02-28');
  const result = await sql<{ y: number; m: number; fires: number; deaths: number; to_date: number }>`
    SELECT extract(year FROM f.occurred_on)::int AS y, extract(month FROM f.occurred_on)::int AS m,
      count(*)::int AS fires, coalesce(sum(f.deaths), 0)::int AS deaths,
      count(*) FILTER (WHERE f.occurred_on <= ${sameDayLastYear}::date)::int AS to_date
    FROM fire_incidents f
    WHERE ${inVillages('f.village_code', scope.villages)}
      AND f.occurred_on BETWEEN ${`${year - 1}-01-01`}::date AND ${scope.today}::date
    GROUP BY 1, 2`.execute(db);
  const months: IncidentMonth[] = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    fires: 0,
    deaths: 0,
    firesLastYear: 0,
    deathsLastYear: 0,
  }));
  let firesLastYearToDate = 0;
  for (const row of result.rows) {
    const entry = months[row.m - 1];
    if (!entry) continue;
    if (row.y === year) {
      entry.fires = row.fires;
      entry.deaths = row.deaths;
    } else {
      entry.firesLastYear = row.fires;
      entry.deathsLastYear = row.deaths;
      firesLastYearToDate += row.to_date;
    }
  }
  const sum = (key: keyof IncidentMonth) => months.reduce((total, m) => total + m[key], 0);
  return {
    year,
    months,
    totals: {
      fires: sum('fires'),
      deaths: sum('deaths'),
      firesLastYear: sum('firesLastYear'),
      deathsLastYear: sum('deathsLastYear'),
      firesLastYearToDate,
    },
  };
}
