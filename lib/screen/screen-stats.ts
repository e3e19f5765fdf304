import {
  type CategoryHazards,
  type ClosurePoint,
  closureTrend,
  hazardsByCategory,
  hazardsByVillage,
  type IncidentComparison,
  incidentComparison,
  type PassageProgress,
  type PeopleProgress,
  passageProgress,
  peopleProgress,
  periodFigures,
  type StatsScope,
  type VillageHazards,
} from '../../db/queries/stats';
import type { Db } from '../../db/schema';
import { CAMPAIGN_START } from '../domain/campaign';
import { monthOf, monthRange } from '../time';
import { type CoverageFigures, coverageFigures } from './coverage';

export interface HazardKpis {
  open: number;
  openMajor: number;
  overdue: number;
  rectifiedThisMonth: number;
  foundThisMonth: number;
  /** Hazards closed / found since the campaign start (动态清零). */
  closureRate: number | null;
}

export interface ScreenStats {
  villages: string[];
  today: string;
  kpis: HazardKpis;
  trend: ClosurePoint[];
  /** Every village, most open hazards first (the ranking shows the whole town even on a village's turn). */
  ranking: VillageHazards[];
  categories: CategoryHazards[];
  passages: PassageProgress;
  coverage: Omit<CoverageFigures, 'gaps'>;
  people: PeopleProgress;
  incidents: IncidentComparison;
}

/** Everything the wall screen shows for the town or some villages, from the same queries as the reports. */
export async function screenStats(db: Db, scope: StatsScope): Promise<ScreenStats> {
  const thisMonth = monthRange(monthOf(scope.today));
  // Sequential on purpose: the embedded engine answers one query at a time anyway.
  const month = await periodFigures(db, { ...scope, ...thisMonth });
  const trend = await closureTrend(db, { ...scope, fromMonth: monthOf(CAMPAIGN_START) });
  const ranking = await hazardsByVillage(db, { ...scope, villages: [] });
  const categories = await hazardsByCategory(db, scope);
  const passages = await passageProgress(db, scope);
  const people = await peopleProgress(db, scope);
  const incidents = await incidentComparison(db, scope);
  const { gaps: _gaps, ...coverage } = await coverageFigures(db, scope);
  return {
    villages: scope.villages,
    today: scope.today,
    kpis: {
      open: month.openAtEnd,
      openMajor: month.openMajorAtEnd,
      overdue: month.overdueAtEnd,
      rectifiedThisMonth: month.hazardsRectified,
      foundThisMonth: month.hazardsFound,
      closureRate: trend.at(-1)?.closureRate ?? null,
    },
    trend,
    ranking,
    categories,
    passages,
    coverage,
    people,
    incidents,
  };
}
