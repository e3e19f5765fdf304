import { sql } from 'kysely';
import type { FixSpec, Site } from '../../lib/planning/fixes';
import type { Figures } from '../../lib/planning/measure';
import type { Db } from '../schema';
import { jsonb, utcInstant } from './instants';

/** The figures stored with a saved scenario: what it was judged by when it was saved. */
export interface ScenarioSummary {
  before: Figures;
  after: Figures;
  resolved_findings: number;
  newly_reachable: number;
}

export interface ScenarioRow {
  id: number;
  name: string;
  fixes: FixSpec[];
  sites: Site[];
  result: ScenarioSummary | null;
  created_by: string;
  created_at: string;
  applied_at: string | null;
}

const selectScenarios = (db: Db) =>
  db
    .selectFrom('scenarios')
    .select([
      'id',
      'name',
      'fixes',
      'sites',
      'result',
      'created_by',
      utcInstant('created_at').as('created_at'),
      utcInstant<string | null>('applied_at').as('applied_at'),
    ])
    // jsonb columns: the schema checks they are arrays; what is in them was validated when it was saved.
    .$castTo<ScenarioRow>();

export async function listScenarios(db: Db): Promise<ScenarioRow[]> {
  return selectScenarios(db).orderBy('id', 'desc').execute();
}

export async function findScenario(db: Db, id: number): Promise<ScenarioRow | undefined> {
  return selectScenarios(db).where('id', '=', id).executeTakeFirst();
}

/** Locks a scenario row for the rest of the transaction; false when there is none. */
export async function lockScenario(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('scenarios').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export interface NewScenario {
  name: string;
  fixes: readonly FixSpec[];
  sites: readonly Site[];
  result: ScenarioSummary;
  createdBy: string;
}

export async function insertScenario(db: Db, scenario: NewScenario): Promise<number> {
  const row = await db
    .insertInto('scenarios')
    .values({
      name: scenario.name,
      fixes: jsonb(scenario.fixes),
      sites: jsonb(scenario.sites),
      result: jsonb(scenario.result),
      created_by: scenario.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markScenarioApplied(db: Db, id: number): Promise<void> {
  await db.updateTable('scenarios').set({ applied_at: sql`now()` }).where('id', '=', id).executeTakeFirstOrThrow();
}
