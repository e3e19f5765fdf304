import type { FixRow } from '../../db/queries/passage-fixes';
import {
  findScenario,
  insertScenario,
  lockScenario,
  markScenarioApplied,
  type ScenarioRow,
  type ScenarioSummary,
} from '../../db/queries/scenarios';
import type { Db } from '../../db/schema';
import { NotFoundError } from '../api/errors';
import { say } from '../i18n/say';
import { auditChange, type PlanningRequest, villageOfAll } from './audit';
import { FixStepError } from './errors';
import type { EvaluateInput } from './fixes';
import { createFixIn } from './passage-fixes';
import { measureScenario } from './scenario-evaluation';

/** Saved scenarios: a named set of what-if fixes and sites with the figures it was judged by, applied once. */

export async function getScenario(db: Db, id: number): Promise<ScenarioRow> {
  const scenario = await findScenario(db, id);
  if (!scenario) throw new NotFoundError(say(`找不到方案 ${id}`, `scenario ${id} not found`));
  return scenario;
}

/** Saves a scenario with its evaluated figures (evaluated now, so the stored summary matches the data it was judged on). */
export async function saveScenario(db: Db, input: EvaluateInput & { name: string }, request: PlanningRequest): Promise<ScenarioRow> {
  const { result, fixes } = await measureScenario(db, input);
  const summary: ScenarioSummary = {
    before: result.before,
    after: result.after,
    resolved_findings: result.resolved_findings.length,
    newly_reachable: result.newly_reachable.features.length,
  };
  return db.transaction().execute(async (trx) => {
    const id = await insertScenario(trx, {
      name: input.name,
      fixes: input.fixes,
      sites: input.sites,
      result: summary,
      createdBy: request.actor.name,
    });
    await auditChange(trx, request, {
      action: 'create',
      table: 'scenarios',
      recordId: id,
      villageCode: villageOfAll(fixes.map((fix) => fix.villageCode)),
      after: { name: input.name, fixes: input.fixes, sites: input.sites, result: summary },
    });
    return getScenario(trx, id);
  });
}

/**
 * Applies a scenario: each of its fixes becomes planned work (计划) linked to the scenario, all in one
 * transaction with audit rows; a scenario is applied once (FixStepError otherwise).
 */
export async function applyScenario(
  db: Db,
  id: number,
  details: { responsible: string; deadline?: string | null; note: string },
  request: PlanningRequest,
): Promise<{ scenario: ScenarioRow; fixes: FixRow[] }> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockScenario(trx, id))) throw new NotFoundError(say(`找不到方案 ${id}`, `scenario ${id} not found`));
    const scenario = await getScenario(trx, id);
    if (scenario.applied_at)
      throw new FixStepError(
        say(`方案 ${id} 已于 ${scenario.applied_at} 应用`, `scenario ${id} was already applied on ${scenario.applied_at}`),
        { ...scenario },
      );
    const fixes: FixRow[] = [];
    const villages: (string | null)[] = [];
    for (const spec of scenario.fixes) {
      const planned = { fix: spec, ...details, scenario_id: id };
      const { fix, villageCode } = await createFixIn(trx, planned, request);
      fixes.push(fix);
      villages.push(villageCode);
    }
    await markScenarioApplied(trx, id);
    await auditChange(trx, request, {
      action: 'update',
      table: 'scenarios',
      recordId: id,
      villageCode: villageOfAll(villages),
      before: { applied_at: null },
      after: { applied: true, fix_ids: fixes.map((f) => f.id) },
    });
    return { scenario: await getScenario(trx, id), fixes };
  });
}
