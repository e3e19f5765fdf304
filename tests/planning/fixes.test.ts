import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { listFixes } from '../../db/queries/passage-fixes';
import { BadRequestError } from '../../lib/api/errors';
import { villageOfAll } from '../../lib/planning/audit';
import { FixStepError, StaleFixError } from '../../lib/planning/errors';
import { createFixSchema, evaluateSchema, isForwardStep } from '../../lib/planning/fixes';
import { createFix, getFix, updateFix } from '../../lib/planning/passage-fixes';
import { applyScenario, saveScenario } from '../../lib/planning/scenarios';
import { analyse } from '../analysis/helpers';
import { testEngines } from '../helpers/engines';
import { codesOf, type TownIds } from '../town/insert-town';
import { drawnLine, loadPlanningFixture, PLAN_VILLAGE } from './fixture';

const planner = { actor: { name: '张规划', role: 'planner' }, requestId: 'req-plan-1' };
/** Today in China (UTC+8), worked out here rather than by the clock module. */
const chinaDateNow = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('fix status steps', () => {
  it('go forward only', () => {
    expect(isForwardStep('plan', 'in_progress')).toBe(true);
    expect(isForwardStep('in_progress', 'accepted')).toBe(true);
    expect(isForwardStep('done', 'in_progress')).toBe(false);
    expect(isForwardStep('plan', 'plan')).toBe(false);
  });
});

describe('the village a scenario is audited under', () => {
  it('is the one village of all its fixes, else none', () => {
    expect(villageOfAll(['141121104290', '141121104290'])).toBe('141121104290');
    expect(villageOfAll(['141121104290', '141121104201'])).toBeNull();
    expect(villageOfAll(['141121104290', null])).toBeNull();
    expect(villageOfAll([])).toBeNull();
  });
});

/** Saved fixes on the planning fixture: lifecycle, versions, audit rows, and what completing one does to the data. */
describe.each(testEngines)('passage fixes on $name (planning fixture)', (engine) => {
  let handle: DatabaseHandle;
  let ids: TownIds;
  let building: (id: unknown) => string;
  const cutOff = async () => {
    const result = await analyse(handle.db, 'reachability', PLAN_VILLAGE);
    return result.features
      .filter((f) => f.properties.kind === 'cut_off' || f.properties.kind === 'beyond_hose')
      .map((f) => building(f.properties.building_id))
      .sort();
  };
  const auditTrail = async (table: string) =>
    (
      await sql<{ action: string; village_code: string | null; request_id: string | null }>`
      SELECT action, village_code, request_id FROM audit_log WHERE table_name = ${table} ORDER BY id`.execute(handle.db)
    ).rows;
  const auditRows = async (table: string) =>
    (
      await sql<{ action: string; record_id: string; actor: string }>`
      SELECT action, record_id, actor FROM audit_log WHERE table_name = ${table} ORDER BY id`.execute(handle.db)
    ).rows;

  beforeAll(async () => {
    handle = await engine.open();
    ids = await loadPlanningFixture(handle.db);
    building = codesOf(ids.building);
  });
  afterAll(() => handle?.close());

  it('clearing O1: plan → in progress → done clears the obstacle and the reachability analysis changes', async () => {
    expect(await cutOff()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    const fix = await createFix(
      handle.db,
      createFixSchema.parse({
        fix: { kind: 'clear_obstacle', obstacle_id: ids.obstacle.O1 },
        responsible: '王村长',
        deadline: '2026-12-31',
        note: '拆除违建',
      }),
      planner,
    );
    expect(fix).toMatchObject({ status: 'plan', version: 1, passage_id: ids.passage.BD, obstacle_code: 'O1', created_by: '张规划' });

    const started = await updateFix(handle.db, fix.id, { version: 1, status: 'in_progress' }, planner);
    expect(started.version).toBe(2);
    // A second client still holding version 1 is refused, and told the current state.
    const stale = await updateFix(handle.db, fix.id, { version: 1, status: 'done' }, planner).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleFixError);
    expect((stale as StaleFixError).current).toMatchObject({ version: 2, status: 'in_progress' });
    // Backwards is refused.
    await expect(updateFix(handle.db, fix.id, { version: 2, status: 'plan' }, planner)).rejects.toThrow(FixStepError);
    expect(await cutOff()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']); // not done yet: nothing changed

    const done = await updateFix(
      handle.db,
      fix.id,
      { version: 2, status: 'done' },
      { ...planner, requestId: 'req-done', today: '2026-05-20' },
    );
    expect(done).toMatchObject({ status: 'done', version: 3, completed_on: '2026-05-20' });
    const obstacle = await sql<{ status: string; cleared_on: string | null }>`
      SELECT status, cleared_on FROM obstacles WHERE id = ${ids.obstacle.O1}`.execute(handle.db);
    expect(obstacle.rows[0]).toEqual({ status: 'cleared', cleared_on: '2026-05-20' });
    expect(await cutOff()).toEqual(['P4', 'P5', 'P6', 'P7']);

    await updateFix(handle.db, fix.id, { version: 3, status: 'accepted', note: '已验收' }, planner);
    expect((await auditRows('passage_fixes')).map((r) => r.action)).toEqual(['create', 'transition', 'transition', 'transition']);
    expect(await auditRows('obstacles')).toEqual([{ action: 'update', record_id: String(ids.obstacle.O1), actor: '张规划' }]);
    // Each row carries the request that made the change, and the village of the fix's passage (BD).
    expect(await auditTrail('passage_fixes')).toEqual([
      { action: 'create', village_code: PLAN_VILLAGE, request_id: 'req-plan-1' },
      { action: 'transition', village_code: PLAN_VILLAGE, request_id: 'req-plan-1' },
      { action: 'transition', village_code: PLAN_VILLAGE, request_id: 'req-done' },
      { action: 'transition', village_code: PLAN_VILLAGE, request_id: 'req-plan-1' },
    ]);
    expect(await auditTrail('obstacles')).toEqual([{ action: 'update', village_code: PLAN_VILLAGE, request_id: 'req-done' }]);
  });

  it('a new link, once done, is a passage of the network: P5 and P6 get truck access', async () => {
    const geometry = await drawnLine(handle.db, [
      [503, 98],
      [600, 199],
      [697, 303],
    ]);
    const fix = await createFix(
      handle.db,
      createFixSchema.parse({ fix: { kind: 'new_link', geometry, width_m: 5, class: 'lane' }, responsible: '李工' }),
      planner,
    );
    expect(fix.geometry?.type).toBe('LineString');
    const done = await updateFix(handle.db, fix.id, { version: 1, status: 'done' }, planner);
    expect(done.created_passage_id).not.toBeNull();
    // No day given: the day in China.
    expect(done.completed_on).toBe(chinaDateNow());
    const passage = await sql<{ clear_width_m: number; length_m: number; village_code: string }>`
      SELECT clear_width_m, ST_Length(geom_metric) AS length_m, village_code FROM passages WHERE id = ${done.created_passage_id}`.execute(
      handle.db,
    );
    // Ends joined to C (500,100) and G (700,300) through the drawn middle vertex (600,199).
    const expectedLength = Math.hypot(100, 99) + Math.hypot(100, 101);
    expect(passage.rows[0]!.length_m).toBeCloseTo(expectedLength, 3);
    expect(passage.rows[0]).toMatchObject({ clear_width_m: 5, village_code: PLAN_VILLAGE });
    expect(await cutOff()).toEqual(['P4', 'P7']);
    expect((await auditRows('passages')).map((r) => r.action)).toEqual(['create']);
    // Not on a passage until built: the link's rows are filed under the village its midpoint lies in.
    expect(await auditTrail('passage_fixes')).toContainEqual({
      action: 'transition',
      village_code: PLAN_VILLAGE,
      request_id: 'req-plan-1',
    });
    expect((await auditTrail('passage_fixes')).filter((r) => r.village_code === null)).toEqual([]);
    expect(await auditTrail('passages')).toEqual([{ action: 'create', village_code: PLAN_VILLAGE, request_id: 'req-plan-1' }]);
  });

  it('widening and a turnaround change the passage when done; a widening to no more than today is refused', async () => {
    await expect(
      createFix(handle.db, createFixSchema.parse({ fix: { kind: 'widen', passage_id: ids.passage.CF, width_m: 3 } }), planner),
    ).rejects.toThrow(BadRequestError);
    const widen = await createFix(
      handle.db,
      createFixSchema.parse({ fix: { kind: 'widen', passage_id: ids.passage.CF, width_m: 4.5 } }),
      planner,
    );
    const turn = await createFix(handle.db, createFixSchema.parse({ fix: { kind: 'turnaround', passage_id: ids.passage.CF } }), planner);
    await updateFix(handle.db, widen.id, { version: 1, status: 'done' }, planner);
    await updateFix(handle.db, turn.id, { version: 1, status: 'done' }, planner);
    const row = await sql<{ clear_width_m: number; has_turnaround: boolean }>`
      SELECT clear_width_m, has_turnaround FROM passages WHERE id = ${ids.passage.CF}`.execute(handle.db);
    expect(row.rows[0]).toEqual({ clear_width_m: 4.5, has_turnaround: true });
    expect(await cutOff()).toEqual(['P7']);
    const passages = await analyse(handle.db, 'passages', PLAN_VILLAGE);
    expect(passages.features.filter((f) => f.properties.passage_id === ids.passage.CF)).toEqual([]);
  });

  it('a saved scenario is applied once: its fixes become planned work', async () => {
    const fresh = await engine.open();
    try {
      const local = await loadPlanningFixture(fresh.db);
      const scenario = await saveScenario(
        fresh.db,
        { name: '打通BD', ...evaluateSchema.parse({ fixes: [{ kind: 'clear_obstacle', obstacle_id: local.obstacle.O1 }] }) },
        { ...planner, requestId: 'req-save' },
      );
      expect(scenario.result).toMatchObject({ newly_reachable: 3, before: { reachable_by_truck: 3 }, after: { reachable_by_truck: 6 } });
      const applied = await applyScenario(
        fresh.db,
        scenario.id,
        { responsible: '王村长', deadline: null, note: '' },
        { ...planner, requestId: 'req-apply' },
      );
      expect(applied.fixes).toHaveLength(1);
      expect(applied.fixes[0]).toMatchObject({ kind: 'clear_obstacle', status: 'plan', scenario_id: scenario.id });
      expect(applied.scenario.applied_at).not.toBeNull();
      await expect(applyScenario(fresh.db, scenario.id, { responsible: '', note: '' }, planner)).rejects.toThrow(FixStepError);
      expect(await listFixes(fresh.db, { scenarioId: scenario.id })).toHaveLength(1);
      expect((await getFix(fresh.db, applied.fixes[0]!.id)).obstacle_id).toBe(local.obstacle.O1);
      const audit = await sql<{
        action: string;
        table_name: string;
        record_id: string;
        village_code: string | null;
        request_id: string | null;
      }>`
        SELECT action, table_name, record_id, village_code, request_id FROM audit_log ORDER BY id`.execute(fresh.db);
      // The scenario's one fix (O1 on BD) lies in the planning village, so the scenario's rows are filed under it.
      expect(audit.rows).toEqual([
        { action: 'create', table_name: 'scenarios', record_id: String(scenario.id), village_code: PLAN_VILLAGE, request_id: 'req-save' },
        {
          action: 'create',
          table_name: 'passage_fixes',
          record_id: String(applied.fixes[0]!.id),
          village_code: PLAN_VILLAGE,
          request_id: 'req-apply',
        },
        { action: 'update', table_name: 'scenarios', record_id: String(scenario.id), village_code: PLAN_VILLAGE, request_id: 'req-apply' },
      ]);
    } finally {
      await fresh.close();
    }
  });
});
