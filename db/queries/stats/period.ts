import { sql } from 'kysely';
import { minDate } from '../../../lib/time';
import type { Db } from '../../schema';
import { singleRow } from '../rows';
import { completedPassageFixes } from './passages';
import { inVillages, openOn, overdueOn } from './scope';

/** What happened in a period in the villages, and the state of the hazard list at its end. */
export interface PeriodFigures {
  from: string;
  to: string;
  /** The day the end-of-period state is taken: the period's last day, or today if that is earlier. */
  asOf: string;
  hazardsFound: number;
  majorFound: number;
  hazardsRectified: number;
  openAtEnd: number;
  openMajorAtEnd: number;
  overdueAtEnd: number;
  obstaclesFound: number;
  obstaclesCleared: number;
  obstaclesOpenAtEnd: number;
  /** Passage fixes (打通消防车通道) completed in the period. */
  passageFixes: number;
  drills: number;
  drillParticipants: number;
  trainings: number;
  incidents: number;
  deaths: number;
  injuries: number;
  lossYuan: number;
}

/**
 * The period figures behind the monthly report, the annual summary and the screen's "this month" KPIs
 * (one query, one source of truth). Counts are by date columns: found_on, closed_on, cleared_on, held_on,
 * trained_on, occurred_on. Obstacles belong to their passage's village; drills to their unit's village.
 */
export async function periodFigures(
  db: Db,
  scope: { villages: string[]; from: string; to: string; today: string },
): Promise<PeriodFigures> {
  const { villages, from, to } = scope;
  const asOf = minDate(to, scope.today);
  const result = await sql<Omit<PeriodFigures, 'from' | 'to' | 'asOf' | 'passageFixes'>>`
    SELECT
      (SELECT count(*) FROM hazards h WHERE ${inVillages('h.village_code', villages)}
        AND h.found_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "hazardsFound",
      (SELECT count(*) FROM hazards h WHERE ${inVillages('h.village_code', villages)} AND h.severity = 'major'
        AND h.found_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "majorFound",
      (SELECT count(*) FROM hazards h WHERE ${inVillages('h.village_code', villages)}
        AND h.closed_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "hazardsRectified",
      (SELECT count(*) FROM hazards h WHERE ${inVillages('h.village_code', villages)} AND ${openOn(asOf)})::int AS "openAtEnd",
      (SELECT count(*) FROM hazards h WHERE ${inVillages('h.village_code', villages)} AND h.severity = 'major'
        AND ${openOn(asOf)})::int AS "openMajorAtEnd",
      (SELECT count(*) FROM hazards h WHERE ${inVillages('h.village_code', villages)} AND ${overdueOn(asOf)})::int AS "overdueAtEnd",
      (SELECT count(*) FROM obstacles o JOIN passages p ON p.id = o.passage_id WHERE ${inVillages('p.village_code', villages)}
        AND o.found_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "obstaclesFound",
      (SELECT count(*) FROM obstacles o JOIN passages p ON p.id = o.passage_id WHERE ${inVillages('p.village_code', villages)}
        AND o.cleared_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "obstaclesCleared",
      (SELECT count(*) FROM obstacles o JOIN passages p ON p.id = o.passage_id WHERE ${inVillages('p.village_code', villages)}
        AND o.found_on <= ${asOf}::date AND (o.cleared_on IS NULL OR o.cleared_on > ${asOf}::date))::int AS "obstaclesOpenAtEnd",
      (SELECT count(*) FROM drills d JOIN social_units u ON u.id = d.unit_id WHERE ${inVillages('u.village_code', villages)}
        AND d.held_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "drills",
      (SELECT coalesce(sum(d.participants), 0) FROM drills d JOIN social_units u ON u.id = d.unit_id
        WHERE ${inVillages('u.village_code', villages)} AND d.held_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "drillParticipants",
      (SELECT count(*) FROM trainings t WHERE ${inVillages('t.village_code', villages)}
        AND t.trained_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "trainings",
      (SELECT count(*) FROM fire_incidents f WHERE ${inVillages('f.village_code', villages)}
        AND f.occurred_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "incidents",
      (SELECT coalesce(sum(f.deaths), 0) FROM fire_incidents f WHERE ${inVillages('f.village_code', villages)}
        AND f.occurred_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "deaths",
      (SELECT coalesce(sum(f.injuries), 0) FROM fire_incidents f WHERE ${inVillages('f.village_code', villages)}
        AND f.occurred_on BETWEEN ${from}::date AND ${asOf}::date)::int AS "injuries",
      (SELECT coalesce(sum(f.loss_yuan), 0) FROM fire_incidents f WHERE ${inVillages('f.village_code', villages)}
        AND f.occurred_on BETWEEN ${from}::date AND ${asOf}::date)::float8 AS "lossYuan"
  `.execute(db);
  return { from, to, asOf, ...singleRow(result), passageFixes: await completedPassageFixes(db, villages, from, asOf) };
}
