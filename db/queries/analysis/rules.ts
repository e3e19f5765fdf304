import { sql } from 'kysely';
import type { Rule } from '../../../lib/rules/types';
import type { Db } from '../../schema';

/** Every rule, thresholds as numbers (numeric comes back as text otherwise). */
export async function loadRules(db: Db): Promise<Rule[]> {
  const result = await sql<Rule>`
    SELECT rule_id, ruleset, kind, clause, description_zh, description_en, threshold::float8 AS threshold, unit, params
    FROM rules ORDER BY ruleset, kind, rule_id`.execute(db);
  return result.rows;
}
