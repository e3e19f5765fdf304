import { writeAudit } from '../../db/queries/audit';
import {
  type BuildingEquipment,
  buildingEquipment,
  type FieldCheckRow,
  insertFieldCheck,
  isNewestObservation,
  listFieldChecks,
  lockBuildingEquipment,
  lockObstacleClearance,
  type ObstacleClearance,
  obstacleClearance,
  setBuildingEquipment,
  setObstacleClearance,
} from '../../db/queries/field-checks';
import type { Db, FieldCheckTargetKind } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { NotFoundError } from '../api/errors';
import { say } from '../i18n/say';
import { chinaToday, minDate } from '../time';
import type { BuildingCheckInput, ObstacleCheckInput } from './input';

export interface CheckRequest {
  actor: { userId: number; name: string; role: string | null };
  /** The actor's villages; null = whole town. A target outside answers as not found. */
  villages: readonly string[] | null;
  requestId: string;
}

export interface CheckResult<T> {
  field_check: FieldCheckRow;
  /** The target as it now stands. */
  target: T;
  /** False when a check observed later was already stored: this one is history only. */
  applied: boolean;
}

const outside = (villages: readonly string[] | null, village: string | null) =>
  villages !== null && (village === null || !villages.includes(village));

function buildingNotFound(id: number): NotFoundError {
  return new NotFoundError(say(`找不到建筑 ${id}`, `building ${id} not found`));
}

function obstacleNotFound(id: number): NotFoundError {
  return new NotFoundError(say(`找不到障碍物 ${id}`, `obstacle ${id} not found`));
}

/**
 * Records a building's check in one transaction: the building is locked (checks of it are decided one at a
 * time), the check stored, and the building's equipment set from it unless a later observation is stored
 * already (a phone that syncs late never overwrites what was seen after). Both writes are audited.
 */
export async function recordBuildingCheck(
  db: Db,
  buildingId: number,
  input: BuildingCheckInput,
  request: CheckRequest,
): Promise<CheckResult<BuildingEquipment>> {
  return inTransaction(db, async (trx) => {
    const before = await lockBuildingEquipment(trx, buildingId);
    if (!before || outside(request.villages, before.village_code)) throw buildingNotFound(buildingId);
    const applied = await isNewestObservation(trx, 'building', buildingId, input.observed_at);
    const change = {
      ...(input.has_smoke_alarm !== undefined ? { has_smoke_alarm: input.has_smoke_alarm } : {}),
      ...(input.has_extinguisher !== undefined ? { has_extinguisher: input.has_extinguisher } : {}),
    };
    const target = applied ? await setBuildingEquipment(trx, buildingId, change) : before;
    const check = await insertFieldCheck(trx, {
      target_kind: 'building',
      target_id: buildingId,
      village_code: before.village_code,
      checked_by: request.actor.userId,
      observed_at: input.observed_at,
      has_smoke_alarm: input.has_smoke_alarm ?? null,
      has_extinguisher: input.has_extinguisher ?? null,
      cleared: null,
      note: input.note,
      applied,
    });
    await audit(trx, request, check, before.village_code);
    if (applied) {
      await writeAudit(trx, {
        actor: request.actor,
        action: 'update',
        table: 'buildings',
        recordId: buildingId,
        villageCode: before.village_code,
        before: { has_smoke_alarm: before.has_smoke_alarm, has_extinguisher: before.has_extinguisher },
        after: { has_smoke_alarm: target.has_smoke_alarm, has_extinguisher: target.has_extinguisher, field_check_id: check.id },
        requestId: request.requestId,
      });
    }
    return { field_check: check, target, applied };
  });
}

/**
 * Records an obstacle's check the same way. Cleared: the obstacle is cleared on the China date of the
 * observation (an obstacle already cleared keeps the earlier of its day and this one); not cleared: it is
 * open again.
 */
export async function recordObstacleCheck(
  db: Db,
  obstacleId: number,
  input: ObstacleCheckInput,
  request: CheckRequest,
): Promise<CheckResult<ObstacleClearance>> {
  return inTransaction(db, async (trx) => {
    const before = await lockObstacleClearance(trx, obstacleId);
    if (!before || outside(request.villages, before.village_code)) throw obstacleNotFound(obstacleId);
    const applied = await isNewestObservation(trx, 'obstacle', obstacleId, input.observed_at);
    if (applied) {
      const observedOn = chinaToday(new Date(input.observed_at));
      const clearedOn = !input.cleared ? null : before.cleared_on ? minDate(before.cleared_on, observedOn) : observedOn;
      await setObstacleClearance(trx, obstacleId, clearedOn);
    }
    const target = applied ? ((await obstacleClearance(trx, obstacleId)) ?? before) : before;
    const check = await insertFieldCheck(trx, {
      target_kind: 'obstacle',
      target_id: obstacleId,
      village_code: before.village_code,
      checked_by: request.actor.userId,
      observed_at: input.observed_at,
      has_smoke_alarm: null,
      has_extinguisher: null,
      cleared: input.cleared,
      note: input.note,
      applied,
    });
    await audit(trx, request, check, before.village_code);
    if (applied) {
      await writeAudit(trx, {
        actor: request.actor,
        action: 'update',
        table: 'obstacles',
        recordId: obstacleId,
        villageCode: before.village_code,
        before: { status: before.status, cleared_on: before.cleared_on },
        after: { status: target.status, cleared_on: target.cleared_on, field_check_id: check.id },
        requestId: request.requestId,
      });
    }
    return { field_check: check, target, applied };
  });
}

async function audit(db: Db, request: CheckRequest, check: FieldCheckRow, villageCode: string | null): Promise<void> {
  const { checked_by_name: _name, ...row } = check;
  await writeAudit(db, {
    actor: request.actor,
    action: 'create',
    table: 'field_checks',
    recordId: check.id,
    villageCode,
    after: row,
    requestId: request.requestId,
  });
}

/** A target's check history (newest observation first) and its current state; not found outside the villages. */
export async function fieldCheckHistory(
  db: Db,
  kind: FieldCheckTargetKind,
  id: number,
  villages: readonly string[] | null,
): Promise<{ target: BuildingEquipment | ObstacleClearance; field_checks: FieldCheckRow[] }> {
  const target = kind === 'building' ? await buildingEquipment(db, id) : await obstacleClearance(db, id);
  if (!target || outside(villages, target.village_code)) throw kind === 'building' ? buildingNotFound(id) : obstacleNotFound(id);
  return { target, field_checks: await listFieldChecks(db, kind, id) };
}
