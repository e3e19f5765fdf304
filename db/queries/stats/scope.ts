import { type RawBuilder, sql } from 'kysely';

/**
 * Who and when every figure is about. `villages` empty = the whole town; `today` (YYYY-MM-DD) is the day the
 * figures are taken on — injectable so tests and reports of past periods see the data as it was then.
 */
export interface StatsScope {
  villages: string[];
  today: string;
}

/** `column = ANY(villages)`, or true for the whole town. */
export function inVillages(column: string, villages: readonly string[]): RawBuilder<unknown> {
  return villages.length > 0 ? sql`${sql.ref(column)} = ANY(${[...villages]}::text[])` : sql`true`;
}

/** A hazard open on day `day`: found by then and not closed by then. */
export function openOn(day: string, alias = 'h'): RawBuilder<unknown> {
  const h = sql.raw(alias);
  return sql`(${h}.found_on <= ${day}::date AND (${h}.closed_on IS NULL OR ${h}.closed_on > ${day}::date))`;
}

/** Open on `day` and past its deadline. */
export function overdueOn(day: string, alias = 'h'): RawBuilder<unknown> {
  return sql`(${openOn(day, alias)} AND ${sql.raw(alias)}.deadline < ${day}::date)`;
}

export const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
