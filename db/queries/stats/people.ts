import { sql } from 'kysely';
import { DRILL_TARGET, TRAINING_TARGETS, type TrainingTarget } from '../../../lib/domain/campaign';
import { minDate } from '../../../lib/time';
import type { Db } from '../../schema';
import { singleRow } from '../rows';
import { inVillages, ratio, type StatsScope } from './scope';

export interface TrainingProgress {
  id: TrainingTarget['id'];
  deadline: string;
  asOf: string;
  /** Units the target applies to, and of them those with ≥ perUnit 明白人 trained by asOf. */
  units: number;
  unitsMet: number;
  share: number | null;
}

export interface PeopleProgress {
  training: TrainingProgress[];
  /** 明白人 trained in today's calendar year, up to today. */
  trainedThisYear: number;
  drills: {
    year: number;
    /** Units that must drill (key units, distilleries, packaging), and of them those with ≥ 3 drills this year. */
    targetUnits: number;
    targetUnitsMet: number;
    share: number | null;
    /** Any unit with ≥ 3 drills this year. */
    unitsWithThree: number;
    drillsThisYear: number;
  };
}

/** 明白人 trained against the yearly targets, and units with ≥ 3 evacuation drills this year. */
export async function peopleProgress(db: Db, scope: StatsScope): Promise<PeopleProgress> {
  const { today, villages } = scope;
  const training: TrainingProgress[] = [];
  for (const target of TRAINING_TARGETS) {
    const asOf = minDate(target.deadline, today);
    const kinds = target.kinds.length > 0 ? sql`u.kind = ANY(${[...target.kinds]}::text[])` : sql`true`;
    const result = await sql<{ units: number; met: number }>`
      SELECT count(*)::int AS units,
        count(*) FILTER (WHERE (SELECT count(*) FROM trainings t WHERE t.unit_id = u.id AND t.trained_on <= ${asOf}::date)
          >= ${target.perUnit})::int AS met
      FROM social_units u WHERE ${inVillages('u.village_code', villages)} AND ${kinds}`.execute(db);
    const { units, met } = singleRow(result);
    training.push({ id: target.id, deadline: target.deadline, asOf, units, unitsMet: met, share: ratio(met, units) });
  }
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const drills = await sql<{ target_units: number; target_met: number; with_three: number; drills: number; trained: number }>`
    WITH per_unit AS (
      SELECT u.id, u.kind,
        (SELECT count(*) FROM drills d WHERE d.unit_id = u.id AND d.held_on BETWEEN ${yearStart}::date AND ${today}::date) AS n
      FROM social_units u WHERE ${inVillages('u.village_code', villages)}
    )
    SELECT
      count(*) FILTER (WHERE kind = ANY(${[...DRILL_TARGET.kinds]}::text[]))::int AS target_units,
      count(*) FILTER (WHERE kind = ANY(${[...DRILL_TARGET.kinds]}::text[]) AND n >= ${DRILL_TARGET.perYear})::int AS target_met,
      count(*) FILTER (WHERE n >= ${DRILL_TARGET.perYear})::int AS with_three,
      coalesce(sum(n), 0)::int AS drills,
      (SELECT count(*) FROM trainings t WHERE ${inVillages('t.village_code', villages)}
        AND t.trained_on BETWEEN ${yearStart}::date AND ${today}::date)::int AS trained
    FROM per_unit`.execute(db);
  const row = singleRow(drills);
  return {
    training,
    trainedThisYear: row.trained,
    drills: {
      year,
      targetUnits: row.target_units,
      targetUnitsMet: row.target_met,
      share: ratio(row.target_met, row.target_units),
      unitsWithThree: row.with_three,
      drillsThisYear: row.drills,
    },
  };
}
