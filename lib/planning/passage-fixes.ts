import {
  clearObstacle,
  type FixRow,
  type FixTarget,
  findFix,
  insertFix,
  insertLinkPassage,
  lockFix,
  markTurnaround,
  obstacleState,
  passageState,
  updateFixRow,
  widenPassage,
} from '../../db/queries/passage-fixes';
import { lineShape } from '../../db/queries/planning-network';
import type { Db } from '../../db/schema';
import { BadRequestError, NotFoundError } from '../api/errors';
import { dynamicMessage } from '../i18n';
import { say } from '../i18n/say';
import { auditChange, type PlanningRequest, todayOf } from './audit';
import { FixStepError, StaleFixError } from './errors';
import { existingPassage, openObstacle, turnaroundPassage } from './fix-targets';
import { type CreateFixInput, completes, type FixSpec, isCompleted, isForwardStep, type UpdateFixInput } from './fixes';
import { snapNewLink } from './new-link';

/**
 * Saved fixes: planned work (计划) that moves forward through its statuses; each change is one transaction
 * with its audit rows, and reaching 已完成 changes the passage data the analyses read.
 */

export async function getFix(db: Db, id: number): Promise<FixRow> {
  const fix = await findFix(db, id);
  if (!fix) throw new NotFoundError(say(`找不到通道整治措施 ${id}`, `passage fix ${id} not found`));
  return fix;
}

/** What a fix refers to, checked to exist (and a new link valid and joined), and the village it lies in. */
interface CheckedFix {
  target: FixTarget;
  villageCode: string | null;
}

async function checkFix(db: Db, fix: FixSpec): Promise<CheckedFix> {
  const none = { obstacle_id: null, passage_id: null, geom: null, target_width_m: null, link_class: null };
  switch (fix.kind) {
    case 'clear_obstacle': {
      const obstacle = await openObstacle(db, fix.obstacle_id);
      return { target: { ...none, obstacle_id: obstacle.id }, villageCode: obstacle.village_code };
    }
    case 'widen': {
      const passage = await existingPassage(db, fix.passage_id);
      if (fix.width_m <= passage.clear_width_m) {
        throw new BadRequestError(
          say(
            `新宽度（${fix.width_m} 米）必须大于 ${passage.code} 现有净宽（${passage.clear_width_m} 米）`,
            `the new width (${fix.width_m} m) must be more than the current clear width of ${passage.code} (${passage.clear_width_m} m)`,
          ),
        );
      }
      return { target: { ...none, passage_id: passage.id, target_width_m: fix.width_m }, villageCode: passage.village_code };
    }
    case 'turnaround': {
      const passage = await turnaroundPassage(db, fix);
      if (passage.has_turnaround)
        throw new BadRequestError(say(`通道 ${passage.code} 已有回车场`, `passage ${passage.code} already has a turnaround`));
      const point: GeoJSON.Point | null = fix.point ? { type: 'Point', coordinates: fix.point } : null;
      return { target: { ...none, passage_id: passage.id, geom: point }, villageCode: passage.village_code };
    }
    case 'new_link': {
      const link = await snapNewLink(db, fix.geometry);
      // Not on a passage yet: the village its midpoint lies in, as the passage it becomes will be.
      return {
        target: { ...none, geom: link.geometry, target_width_m: fix.width_m, link_class: fix.class },
        villageCode: link.villageCode,
      };
    }
  }
}

/** The village a fix's audit rows are filed under: its passage's; a planned new link's is its midpoint's. */
async function villageOfFix(db: Db, fix: FixRow): Promise<string | null> {
  if (fix.village_code !== null || fix.geometry?.type !== 'LineString') return fix.village_code;
  return (await lineShape(db, fix.geometry)).village_code;
}

/** What the audit log keeps of a fix (its geometry and timestamps are in the table and the log's own time). */
const auditView = (row: FixRow) => {
  const { geometry: _geometry, created_at: _c, updated_at: _u, ...rest } = row;
  return rest;
};

/** Saves a planned fix (status 计划) with an audit row. */
export async function createFix(db: Db, input: CreateFixInput, request: PlanningRequest): Promise<FixRow> {
  return db.transaction().execute(async (trx) => (await createFixIn(trx, input, request)).fix);
}

/**
 * createFix inside the caller's transaction (applying a scenario saves all its fixes in one), with the
 * village the fix's audit row is filed under.
 */
export async function createFixIn(
  trx: Db,
  input: CreateFixInput,
  request: PlanningRequest,
): Promise<{ fix: FixRow; villageCode: string | null }> {
  const checked = await checkFix(trx, input.fix);
  const id = await insertFix(trx, {
    kind: input.fix.kind,
    ...checked.target,
    responsible: input.responsible,
    deadline: input.deadline ?? null,
    note: input.note,
    scenario_id: input.scenario_id ?? null,
    created_by: request.actor.name,
  });
  const fix = await getFix(trx, id);
  const villageCode = fix.village_code ?? checked.villageCode;
  await auditChange(trx, request, { action: 'create', table: 'passage_fixes', recordId: id, villageCode, after: auditView(fix) });
  return { fix, villageCode };
}

/**
 * Edits a fix (responsible, deadline, note) and/or moves its status forward. A stale `version` throws
 * StaleFixError with the current row; a backward step throws FixStepError. Reaching 已完成 changes the
 * passage data in the same transaction (see completeFix), each changed row with its own audit entry.
 */
export async function updateFix(db: Db, id: number, input: UpdateFixInput, request: PlanningRequest): Promise<FixRow> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockFix(trx, id))) throw new NotFoundError(say(`找不到通道整治措施 ${id}`, `passage fix ${id} not found`));
    const before = await getFix(trx, id);
    if (before.version !== input.version) throw new StaleFixError({ ...before });
    const to = input.status ?? before.status;
    if (to !== before.status && !isForwardStep(before.status, to)) {
      throw new FixStepError(
        say(
          `状态只能向前推进（计划 → 实施中 → 已完成 → 已验收）：不能从${dynamicMessage('zh-CN', `passages.status.${before.status}`, before.status)}改为${dynamicMessage('zh-CN', `passages.status.${to}`, to)}`,
          `status can only move forward (计划 → 实施中 → 已完成 → 已验收): ${before.status} → ${to} is not allowed`,
        ),
        {
          ...before,
        },
      );
    }
    const createdPassageId = completes(before.status, to) ? await completeFix(trx, before, request) : before.created_passage_id;
    await updateFixRow(trx, id, {
      status: to,
      responsible: input.responsible ?? before.responsible,
      deadline: input.deadline === undefined ? before.deadline : input.deadline,
      note: input.note ?? before.note,
      created_passage_id: createdPassageId,
      completed_on: isCompleted(to) ? (before.completed_on ?? todayOf(request)) : null,
    });
    const after = await getFix(trx, id);
    await auditChange(trx, request, {
      action: to !== before.status ? 'transition' : 'update',
      table: 'passage_fixes',
      recordId: id,
      villageCode: await villageOfFix(trx, after),
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

const missing = (fix: FixRow, what: string) => new Error(`passage fix ${fix.id} (${fix.kind}) has no ${what}`);

/**
 * What reaching 已完成 does to the data, so every analysis sees the fix: clear the obstacle, set the new
 * clear width, mark the turnaround, or store the new link as a passage (joined to the network as drawn).
 * Returns the new passage's id for a new link.
 */
async function completeFix(trx: Db, fix: FixRow, request: PlanningRequest): Promise<number | null> {
  const audit = (table: string, recordId: number, before: unknown, after: unknown) =>
    auditChange(trx, request, { action: 'update', table, recordId, villageCode: fix.village_code, before, after });
  if (fix.kind === 'clear_obstacle') {
    if (fix.obstacle_id === null) throw missing(fix, 'obstacle');
    const before = await obstacleState(trx, fix.obstacle_id);
    const after = await clearObstacle(trx, fix.obstacle_id, todayOf(request));
    // Cleared some other way meanwhile: nothing changes, so nothing is recorded.
    if (after) await audit('obstacles', fix.obstacle_id, before, after);
    return null;
  }
  if (fix.kind === 'widen' || fix.kind === 'turnaround') {
    if (fix.passage_id === null) throw missing(fix, 'passage');
    const before = await passageState(trx, fix.passage_id);
    let after: Awaited<ReturnType<typeof markTurnaround>>;
    if (fix.kind === 'widen') {
      if (fix.target_width_m === null) throw missing(fix, 'target width');
      after = await widenPassage(trx, fix.passage_id, fix.target_width_m);
    } else {
      after = await markTurnaround(trx, fix.passage_id);
    }
    await audit('passages', fix.passage_id, before, after);
    return null;
  }
  // new_link: join it again (the network may have changed since it was planned), then store it.
  if (fix.geometry?.type !== 'LineString' || fix.target_width_m === null || fix.link_class === null) throw missing(fix, 'link line');
  const link = await snapNewLink(trx, fix.geometry);
  const passage = await insertLinkPassage(trx, {
    code: `PF${String(fix.id).padStart(5, '0')}`,
    name: `新建通道（整改 #${fix.id}）`,
    villageCode: link.villageCode,
    linkClass: fix.link_class,
    widthM: fix.target_width_m,
    geometry: link.geometry,
  }).catch((error: Error) => {
    throw new BadRequestError(
      say(`新连接线无法保存为通道：${error.message}`, `the new link cannot be stored as a passage: ${error.message}`),
    );
  });
  await auditChange(trx, request, {
    action: 'create',
    table: 'passages',
    recordId: passage.id,
    villageCode: link.villageCode,
    after: {
      id: passage.id,
      code: passage.code,
      class: fix.link_class,
      clear_width_m: fix.target_width_m,
      length_m: Math.round(link.lengthM * 100) / 100,
      from_fix: fix.id,
    },
  });
  return passage.id;
}
