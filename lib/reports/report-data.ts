import { hasDemoData } from '../../db/queries/health';
import {
  type CategoryHazards,
  type ClosurePoint,
  closureTrend,
  hazardsByCategory,
  type IncidentComparison,
  incidentComparison,
  type PassageProgress,
  type PeopleProgress,
  type PeriodFigures,
  passageProgress,
  peopleProgress,
  periodFigures,
  type ReportHazard,
  type ReportMapData,
  reportHazards,
  reportMapData,
} from '../../db/queries/stats';
import type { Db } from '../../db/schema';
import { minDate, monthRange, monthsBetween, yearRange } from '../time';

export interface MonthlyReport {
  kind: 'monthly';
  village: { code: string; name: string };
  month: string;
  today: string;
  demo: boolean;
  figures: PeriodFigures;
  hazards: ReportHazard[];
  map: ReportMapData;
}

export interface AnnualReport {
  kind: 'annual';
  /** Whose year: the town, or the villages of a village-scoped user. */
  area: string;
  year: number;
  today: string;
  demo: boolean;
  figures: PeriodFigures;
  months: PeriodFigures[];
  villages: ({ code: string; name: string } & PeriodFigures)[];
  trend: ClosurePoint[];
  categories: CategoryHazards[];
  passages: PassageProgress;
  people: PeopleProgress;
  incidents: IncidentComparison;
}

const TOWN_NAME = '刘胡兰镇';

async function villageNames(db: Db, codes?: string[]): Promise<{ code: string; name: string }[]> {
  let query = db.selectFrom('villages').select(['code', 'name']).orderBy('code');
  if (codes) query = query.where('code', 'in', codes);
  return query.execute();
}

/** 每月报送: one village's month, from the same period query as the screen. */
export async function monthlyReportData(db: Db, request: { village: string; month: string; today: string }): Promise<MonthlyReport> {
  const range = monthRange(request.month);
  const villages = [request.village];
  const figures = await periodFigures(db, { villages, ...range, today: request.today });
  const [village] = await villageNames(db, villages);
  if (!village) throw new Error(`no village ${request.village}`);
  return {
    kind: 'monthly',
    village,
    month: request.month,
    today: request.today,
    demo: await hasDemoData(db),
    figures,
    hazards: await reportHazards(db, { villages, from: range.from, asOf: figures.asOf }),
    map: await reportMapData(db, { villages, asOf: figures.asOf }),
  };
}

/**
 * 年度工作总结: the year by month and by village, with the campaign's progress at the year's end; of the whole
 * town, or of `villages` only (a village officer's own village).
 */
export async function annualReportData(
  db: Db,
  request: { year: number; today: string; villages?: string[] | null },
): Promise<AnnualReport> {
  const range = yearRange(request.year);
  const asOf = minDate(range.to, request.today);
  const scope = request.villages ?? [];
  const town = { villages: scope, today: request.today };
  const figures = await periodFigures(db, { ...town, ...range });
  const months: PeriodFigures[] = [];
  for (const month of monthsBetween(range.from, range.to)) months.push(await periodFigures(db, { ...town, ...monthRange(month) }));
  const villages: AnnualReport['villages'] = [];
  const names = await villageNames(db, scope.length > 0 ? scope : undefined);
  for (const village of names) {
    villages.push({ ...village, ...(await periodFigures(db, { villages: [village.code], ...range, today: request.today })) });
  }
  const atYearEnd = { villages: scope, today: asOf };
  return {
    kind: 'annual',
    area: scope.length > 0 ? names.map((village) => village.name).join('、') : TOWN_NAME,
    year: request.year,
    today: request.today,
    demo: await hasDemoData(db),
    figures,
    months,
    villages,
    trend: await closureTrend(db, { ...atYearEnd, fromMonth: `${request.year}-01` }),
    categories: await hazardsByCategory(db, atYearEnd),
    passages: await passageProgress(db, atYearEnd),
    people: await peopleProgress(db, atYearEnd),
    incidents: await incidentComparison(db, atYearEnd),
  };
}
