import { sql } from 'kysely';
import type { Db, FieldCheckTargetKind } from '../schema';
import { utcInstant } from './instants';

/** A building's equipment as a field check sees and sets it. */
export interface BuildingEquipment {
  id: number;
  code: string;
  name: string | null;
  village_code: string;
  has_smoke_alarm: boolean;
  has_extinguisher: boolean;
}

/** An obstacle's state as a field check sees and sets it, with its passage's village. */
export interface ObstacleClearance {
  id: number;
  code: string;
  passage_id: number;
  village_code: string | null;
  status: 'open' | 'cleared';
  cleared_on: string | null;
}

/** The building, locked until the transaction ends (checks of one target are decided one after another). */
export async function lockBuildingEquipment(db: Db, id: number): Promise<BuildingEquipment | undefined> {
  return db
    .selectFrom('buildings')
    .select(['id', 'code', 'name', 'village_code', 'has_smoke_alarm', 'has_extinguisher'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockObstacleClearance(db: Db, id: number): Promise<ObstacleClearance | undefined> {
  const result = await sql<ObstacleClearance>`
    SELECT o.id, o.code, o.passage_id, p.village_code, o.status, o.cleared_on::text AS cleared_on
    FROM obstacles o JOIN passages p ON p.id = o.passage_id
    WHERE o.id = ${id}
    FOR UPDATE OF o`.execute(db);
  return result.rows[0];
}

export async function buildingEquipment(db: Db, id: number): Promise<BuildingEquipment | undefined> {
  return db
    .selectFrom('buildings')
    .select(['id', 'code', 'name', 'village_code', 'has_smoke_alarm', 'has_extinguisher'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function obstacleClearance(db: Db, id: number): Promise<ObstacleClearance | undefined> {
  const result = await sql<ObstacleClearance>`
    SELECT o.id, o.code, o.passage_id, p.village_code, o.status, o.cleared_on::text AS cleared_on
    FROM obstacles o JOIN passages p ON p.id = o.passage_id
    WHERE o.id = ${id}`.execute(db);
  return result.rows[0];
}

export async function setBuildingEquipment(
  db: Db,
  id: number,
  change: { has_smoke_alarm?: boolean; has_extinguisher?: boolean },
): Promise<BuildingEquipment> {
  return db
    .updateTable('buildings')
    .set(change)
    .where('id', '=', id)
    .returning(['id', 'code', 'name', 'village_code', 'has_smoke_alarm', 'has_extinguisher'])
    .executeTakeFirstOrThrow();
}

/** Sets an obstacle cleared on a day, or open again (no clearing day). */
export async function setObstacleClearance(db: Db, id: number, clearedOn: string | null): Promise<void> {
  await db
    .updateTable('obstacles')
    .set(clearedOn === null ? { status: 'open', cleared_on: null } : { status: 'cleared', cleared_on: sql<string>`${clearedOn}::date` })
    .where('id', '=', id)
    .execute();
}

/** The newest observation stored for a target, as an ISO instant with microseconds compared in SQL. */
export async function isNewestObservation(db: Db, kind: FieldCheckTargetKind, targetId: number, observedAt: string): Promise<boolean> {
  const result = await sql<{ newer: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM field_checks
      WHERE target_kind = ${kind} AND target_id = ${targetId} AND observed_at > ${observedAt}::timestamptz
    ) AS newer`.execute(db);
  return !result.rows[0]?.newer;
}

export interface NewFieldCheck {
  target_kind: FieldCheckTargetKind;
  target_id: number;
  village_code: string | null;
  checked_by: number;
  observed_at: string;
  has_smoke_alarm: boolean | null;
  has_extinguisher: boolean | null;
  cleared: boolean | null;
  note: string;
  applied: boolean;
}

/** A field check as the API answers it: instants in UTC ISO 8601, the checker by name. */
export interface FieldCheckRow {
  id: number;
  target_kind: FieldCheckTargetKind;
  target_id: number;
  village_code: string | null;
  checked_by: number;
  checked_by_name: string;
  observed_at: string;
  recorded_at: string;
  has_smoke_alarm: boolean | null;
  has_extinguisher: boolean | null;
  cleared: boolean | null;
  note: string;
  applied: boolean;
}

function checkRows(db: Db) {
  return db
    .selectFrom('field_checks as c')
    .innerJoin('users as u', 'u.id', 'c.checked_by')
    .select([
      'c.id',
      'c.target_kind',
      'c.target_id',
      'c.village_code',
      'c.checked_by',
      'u.display_name as checked_by_name',
      utcInstant('c.observed_at').as('observed_at'),
      utcInstant('c.recorded_at').as('recorded_at'),
      'c.has_smoke_alarm',
      'c.has_extinguisher',
      'c.cleared',
      'c.note',
      'c.applied',
    ]);
}

export async function insertFieldCheck(db: Db, check: NewFieldCheck): Promise<FieldCheckRow> {
  const { id } = await db
    .insertInto('field_checks')
    .values({ ...check, observed_at: sql<Date>`${check.observed_at}::timestamptz` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return checkRows(db).where('c.id', '=', id).executeTakeFirstOrThrow();
}

/** A target's checks, the newest observation first (then the one stored last). */
export async function listFieldChecks(db: Db, kind: FieldCheckTargetKind, targetId: number, limit = 100): Promise<FieldCheckRow[]> {
  return checkRows(db)
    .where('c.target_kind', '=', kind)
    .where('c.target_id', '=', targetId)
    .orderBy('c.observed_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

/** The latest check (by observation) of each of the targets that has one. */
export async function latestFieldChecks(
  db: Db,
  kind: FieldCheckTargetKind,
  targetIds: readonly number[],
): Promise<Map<number, FieldCheckRow>> {
  if (targetIds.length === 0) return new Map();
  const rows = await checkRows(db)
    .distinctOn('c.target_id')
    .where('c.target_kind', '=', kind)
    .where('c.target_id', 'in', [...targetIds])
    .orderBy('c.target_id')
    .orderBy('c.observed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.target_id, row]));
}
