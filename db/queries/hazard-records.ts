import { type Insertable, sql } from 'kysely';
import type { NotifyMethod } from '../../lib/domain/enums';
import type { HazardCreateInput, HazardPatchInput } from '../../lib/hazards/input';
import { say } from '../../lib/i18n/say';
import type { Db, HazardEventsTable } from '../schema';
import { inTransaction } from '../transaction';
import { writeAudit } from './audit';
import { HazardNotFoundError, overdueOn, StaleVersionError } from './hazards';
import { singleRow } from './rows';

type AuditActor = { name: string; role: string | null };

/** Where a hazard is cannot be worked out, or it lies outside the user's villages: answered 422. */
export class HazardPlaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HazardPlaceError';
  }
}

/** The editable columns of a hazard, as the audit log records them before and after a change. */
const RECORD_COLUMNS = sql`id, code, village_code, building_id, paired_building_id, unit_id, passage_id, category, place_type, severity, criterion,
  rule_id, measured, description, to_char(found_on, 'YYYY-MM-DD') AS found_on, to_char(deadline, 'YYYY-MM-DD') AS deadline,
  status, responsible_person, version, round(ST_X(geom)::numeric, 7)::float8 AS lon, round(ST_Y(geom)::numeric, 7)::float8 AS lat`;

interface Place {
  location?: { lon: number; lat: number };
  building_id?: number | null;
  paired_building_id?: number | null;
  unit_id?: number | null;
  passage_id?: number | null;
  village_code?: string;
}

/**
 * A linked building, unit or passage that does not exist or lies outside the user's villages: both answer the
 * same 404, so no answer tells which records another village holds.
 */
export class LinkedRecordNotFoundError extends Error {
  constructor(field: string, id: number) {
    super(say(`${field} ${id}：找不到该记录`, `${field} ${id}: no such record`));
    this.name = 'LinkedRecordNotFoundError';
  }
}

/** How far outside its village's boundary a hazard's point may lie: a GPS fix or a click on a boundary lane. */
export const VILLAGE_EDGE_TOLERANCE_M = 30;

const LINKS = [
  ['building_id', 'buildings', sql`ST_PointOnSurface(geom)`],
  ['unit_id', 'social_units', sql`ST_PointOnSurface(geom)`],
  ['passage_id', 'passages', sql`ST_ClosestPoint(geom, ST_Centroid(geom))`],
] as const;

/** Only the records of `villages` (null: the whole town), as the layers show them. */
const withinVillages = (villages: readonly string[] | null) => (villages ? sql`AND village_code = ANY(${[...villages]}::text[])` : sql``);

/**
 * The point and village of a hazard: the given location, else a point on the linked building, unit or
 * passage; the village as given, else the linked record's, else the village the point lies in. Refused: a
 * linked record the user cannot see (404), links or a village that disagree, a point outside its village or
 * outside every village (422).
 */
async function resolvePlace(db: Db, place: Place, villages: readonly string[] | null) {
  let point: { lon: number; lat: number } | undefined = place.location;
  let linkedVillage: string | undefined;
  await assertPairedBuildingVisible(db, place.paired_building_id, villages);
  for (const [field, table, pointSql] of LINKS) {
    const id = place[field];
    if (id === undefined || id === null) continue;
    const found = await sql<{ lon: number; lat: number; village_code: string | null }>`
      SELECT ST_X(p)::float8 AS lon, ST_Y(p)::float8 AS lat, village_code
      FROM (SELECT ${pointSql} AS p, village_code FROM ${sql.table(table)} WHERE id = ${id} ${withinVillages(villages)}) t`.execute(db);
    const row = found.rows[0];
    if (!row) throw new LinkedRecordNotFoundError(field, id);
    point ??= { lon: row.lon, lat: row.lat };
    if (row.village_code && linkedVillage && row.village_code !== linkedVillage) {
      throw new HazardPlaceError(say('关联的记录位于不同的村', 'the linked records lie in different villages'));
    }
    linkedVillage ??= row.village_code ?? undefined;
  }
  if (!point)
    throw new HazardPlaceError(
      say(
        '请给出位置 { lon, lat }，或关联的 building_id、unit_id 或 passage_id',
        'give a location { lon, lat } or a linked building_id, unit_id or passage_id',
      ),
    );
  if (place.village_code && linkedVillage && place.village_code !== linkedVillage) {
    throw new HazardPlaceError(
      say(
        `village_code ${place.village_code} 不是所关联记录所在的村`,
        `village_code ${place.village_code} is not the village of the linked record`,
      ),
    );
  }
  const village = place.village_code ?? linkedVillage ?? (await villageAt(db, point));
  await assertPointInVillage(db, point, village);
  return { ...point, village_code: village };
}

/** The second building of a pair must be one the user can see; it may lie across the village line. */
async function assertPairedBuildingVisible(db: Db, id: number | null | undefined, villages: readonly string[] | null) {
  if (id === undefined || id === null) return;
  const found = await sql`SELECT 1 FROM buildings WHERE id = ${id} ${withinVillages(villages)}`.execute(db);
  if (found.rows.length === 0) throw new LinkedRecordNotFoundError('paired_building_id', id);
}

async function villageAt(db: Db, point: { lon: number; lat: number }): Promise<string> {
  const containing = await sql<{ code: string }>`
    SELECT code FROM villages WHERE ST_Intersects(geom, ${pointAt(point)}) ORDER BY code LIMIT 1`.execute(db);
  const village = containing.rows[0]?.code;
  if (!village)
    throw new HazardPlaceError(
      say(
        `位置 ${point.lon}, ${point.lat} 不在本镇任何一个村内`,
        `the location ${point.lon}, ${point.lat} lies outside every village of the town`,
      ),
    );
  return village;
}

async function assertPointInVillage(db: Db, point: { lon: number; lat: number }, village: string): Promise<void> {
  const found = await sql<{ name: string; near: boolean }>`
    SELECT name, ST_DWithin(ST_Transform(geom, 4546), ST_Transform(${pointAt(point)}, 4546), ${VILLAGE_EDGE_TOLERANCE_M}) AS near
    FROM villages WHERE code = ${village}`.execute(db);
  const row = found.rows[0];
  if (!row) throw new HazardPlaceError(say(`未知村代码“${village}”`, `unknown village code "${village}"`));
  if (!row.near)
    throw new HazardPlaceError(
      say(
        `位置 ${point.lon}, ${point.lat} 不在 ${row.name}（${village}）范围内`,
        `the location ${point.lon}, ${point.lat} lies outside the village ${row.name} (${village})`,
      ),
    );
}

/** The place lies in a village the user is not assigned to: answered 403, without naming that village. */
export class VillageOutOfScopeError extends Error {
  constructor() {
    super(say('该位置不在您负责的村范围内', 'the place lies outside your assigned villages'));
    this.name = 'VillageOutOfScopeError';
  }
}

function assertVillageAllowed(villageCode: string, villages: readonly string[] | null): void {
  if (villages && !villages.includes(villageCode)) throw new VillageOutOfScopeError();
}

export interface CreateHazardRequest {
  input: HazardCreateInput;
  actor: AuditActor;
  /** The actor's villages; null = whole town. */
  villages: readonly string[] | null;
  requestId: string;
}

/**
 * Records a new hazard (status 待整改) with its 'created' event, a 'notified' event when the notification of
 * the responsible person is given, and the audit row, in one transaction. Returns the new hazard's record.
 */
export async function createHazard(db: Db, request: CreateHazardRequest): Promise<Record<string, unknown>> {
  return inTransaction(db, (trx) => insertHazard(trx, request.input, request));
}

/** One new hazard inside the caller's transaction; `code` keeps an imported list's own code. */
async function insertHazard(
  trx: Db,
  input: HazardCreateInput & { code?: string | null },
  context: Omit<CreateHazardRequest, 'input'>,
): Promise<Record<string, unknown>> {
  const place = await resolvePlace(trx, input, context.villages);
  assertVillageAllowed(place.village_code, context.villages);
  const { id } = await trx
    .insertInto('hazards')
    .values({
      code: input.code ?? `new-${crypto.randomUUID()}`,
      village_code: place.village_code,
      building_id: input.building_id ?? null,
      paired_building_id: input.paired_building_id ?? null,
      unit_id: input.unit_id ?? null,
      passage_id: input.passage_id ?? null,
      category: input.category,
      place_type: input.place_type,
      severity: input.severity,
      criterion: input.criterion,
      rule_id: input.rule_id,
      measured: input.measured,
      description: input.description,
      found_on: input.found_on,
      deadline: input.deadline,
      status: 'pending',
      responsible_person: input.responsible_person,
      geom: pointAt(place),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Without a code of its own, the code follows the id so it is unique without a second counter: H00486, …
  const record = await sql<Record<string, unknown>>`
    UPDATE hazards SET code = CASE WHEN code LIKE 'new-%' THEN 'H' || lpad(id::text, 5, '0') ELSE code END
    WHERE id = ${id} RETURNING ${RECORD_COLUMNS}`.execute(trx);
  await insertHazardEvent(trx, { hazard_id: id, actor: context.actor.name, action: 'created', to_status: 'pending', note: '' });
  if (input.notification) await insertNotification(trx, id, context.actor, input.notification);
  const after = singleRow(record);
  await writeAudit(trx, {
    actor: context.actor,
    action: 'create',
    table: 'hazards',
    recordId: id,
    villageCode: place.village_code,
    after,
    requestId: context.requestId,
  });
  return after;
}

/** An import row that the database refuses (unknown building code, taken code, place outside the villages). */
export interface ImportProblem {
  row: number;
  message: string;
}

export class ImportRejectedError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(say(`未导入任何数据：${problems.length} 行无法记录`, `nothing was imported: ${problems.length} row(s) cannot be recorded`));
    this.name = 'ImportRejectedError';
  }
}

/**
 * Imports a validated hazard list in one transaction, all rows or none: building codes are looked up, every
 * row is recorded like a new hazard (events, audit rows), and one 'import' audit row sums it up. Any row the
 * database refuses rolls everything back and is reported with its file row.
 */
export async function importHazards(
  db: Db,
  rows: (HazardCreateInput & { row: number; code?: string | null; building_code?: string | null })[],
  context: Omit<CreateHazardRequest, 'input'> & { fileName: string },
): Promise<{ created: number }> {
  return db.transaction().execute(async (trx) => {
    const problems: ImportProblem[] = [];
    const codes = rows.map((row) => row.code).filter((code): code is string => Boolean(code));
    const taken = new Set(
      (await sql<{ code: string }>`SELECT code FROM hazards WHERE code = ANY(${codes}::text[])`.execute(trx)).rows.map((r) => r.code),
    );
    const buildingCodes = rows.map((row) => row.building_code).filter((code): code is string => Boolean(code));
    const buildings = new Map(
      (
        await sql<{ code: string; id: number }>`
      SELECT code, id FROM buildings WHERE code = ANY(${buildingCodes}::text[]) ${withinVillages(context.villages)}`.execute(trx)
      ).rows.map((r) => [r.code, r.id]),
    );
    for (const row of rows) {
      if (row.code && taken.has(row.code))
        problems.push({ row: row.row, message: say(`隐患编号 ${row.code} 已存在`, `hazard code ${row.code} already exists`) });
      if (row.building_code && !buildings.has(row.building_code))
        problems.push({ row: row.row, message: say(`未知建筑编号 ${row.building_code}`, `unknown building code ${row.building_code}`) });
    }
    if (problems.length > 0) throw new ImportRejectedError(problems);
    for (const { row, building_code, ...input } of rows) {
      const building_id = input.building_id ?? (building_code ? buildings.get(building_code) : undefined);
      try {
        await insertHazard(trx, { ...input, building_id }, context);
      } catch (error) {
        if (error instanceof HazardPlaceError || error instanceof VillageOutOfScopeError || error instanceof LinkedRecordNotFoundError) {
          problems.push({ row, message: error.message });
        } else throw error;
      }
    }
    if (problems.length > 0) throw new ImportRejectedError(problems);
    await writeAudit(trx, {
      actor: context.actor,
      action: 'import',
      table: 'hazards',
      recordId: null,
      villageCode: null,
      after: { file: context.fileName, rows: rows.length },
      requestId: context.requestId,
    });
    return { created: rows.length };
  });
}

const pointAt = (place: { lon: number; lat: number }) => sql`ST_SetSRID(ST_MakePoint(${place.lon}, ${place.lat}), 4326)`;

/** Appends one entry to a hazard's timeline (created, notified, a transition, an edit). */
export async function insertHazardEvent(db: Db, event: Insertable<HazardEventsTable>): Promise<void> {
  await db.insertInto('hazard_events').values(event).execute();
}

async function insertNotification(db: Db, hazardId: number, actor: AuditActor, notification: { method: NotifyMethod; on: string }) {
  await insertHazardEvent(db, {
    hazard_id: hazardId,
    actor: actor.name,
    action: 'notified',
    note: `通知日期 ${notification.on}`,
    notify_method: notification.method,
  });
}

async function lockedRecord(db: Db, id: number, villages: readonly string[] | null) {
  const result = await sql<Record<string, unknown> & { version: number; status: string; village_code: string }>`
    SELECT ${RECORD_COLUMNS} FROM hazards WHERE id = ${id} FOR UPDATE`.execute(db);
  const row = result.rows[0];
  if (!row || (villages && !villages.includes(row.village_code))) throw new HazardNotFoundError(id);
  return row;
}

type LockedRecord = Awaited<ReturnType<typeof lockedRecord>>;
const LINK_FIELDS = ['building_id', 'unit_id', 'passage_id'] as const;
const linkChanges = (patch: HazardPatchInput) => patch.paired_building_id !== undefined;

const movesPlace = (patch: HazardPatchInput) =>
  linkChanges(patch) ||
  patch.location !== undefined ||
  patch.village_code !== undefined ||
  LINK_FIELDS.some((field) => patch[field] !== undefined);

/**
 * The place a patch leaves: changed fields from the patch, the rest from the record. A new location or link
 * lets the village follow it unless the patch names one; a new link without a location moves the point onto it,
 * unlinking alone leaves the point where it was.
 */
function placeAfter(before: LockedRecord, patch: HazardPatchInput): Place {
  const link = (field: (typeof LINK_FIELDS)[number]) => (patch[field] === undefined ? (before[field] as number | null) : patch[field]);
  const newLink = LINK_FIELDS.some((field) => patch[field] !== undefined && patch[field] !== null);
  const keepsPoint = patch.location === undefined && !newLink;
  return {
    location: patch.location ?? (keepsPoint ? { lon: before.lon as number, lat: before.lat as number } : undefined),
    building_id: link('building_id'),
    paired_building_id: patch.paired_building_id === undefined ? (before.paired_building_id as number | null) : patch.paired_building_id,
    unit_id: link('unit_id'),
    passage_id: link('passage_id'),
    village_code: patch.village_code ?? (keepsPoint ? before.village_code : undefined),
  };
}

export interface UpdateHazardRequest {
  id: number;
  patch: HazardPatchInput;
  actor: AuditActor;
  villages: readonly string[] | null;
  requestId: string;
}

/**
 * Changes a hazard's editable fields under the optimistic version check (a stale version throws with the
 * current state). Status is not editable here: it moves only through transitions.
 */
export async function updateHazard(db: Db, request: UpdateHazardRequest): Promise<Record<string, unknown>> {
  const { patch } = request;
  return inTransaction(db, async (trx) => {
    const before = await lockedRecord(trx, request.id, request.villages);
    if (before.version !== patch.version) throw new StaleVersionError({ version: before.version, status: before.status });
    const place = movesPlace(patch) ? await resolvePlace(trx, placeAfter(before, patch), request.villages) : null;
    if (place) assertVillageAllowed(place.village_code, request.villages);
    const value = <K extends keyof HazardPatchInput>(key: K) => (patch[key] === undefined ? before[key] : patch[key]) ?? null;
    const deadline = value('deadline') as string;
    const foundOn = value('found_on') as string;
    if (deadline < foundOn) throw new HazardPlaceError(say('整改期限不能早于发现日期', 'deadline cannot be before found_on'));
    const updated = await sql<Record<string, unknown>>`
      UPDATE hazards SET
        village_code = ${place?.village_code ?? before.village_code},
        building_id = ${value('building_id')}, paired_building_id = ${value('paired_building_id')}, unit_id = ${value('unit_id')}, passage_id = ${value('passage_id')},
        category = ${value('category')}, place_type = ${value('place_type')}, severity = ${value('severity')},
        criterion = ${value('criterion')}, rule_id = ${value('rule_id')}, measured = ${value('measured')},
        description = ${value('description')}, found_on = ${foundOn}::date, deadline = ${deadline}::date,
        responsible_person = ${value('responsible_person')},
        geom = ${place ? pointAt(place) : sql`geom`},
        version = version + 1, updated_at = now()
      WHERE id = ${request.id}
      RETURNING ${RECORD_COLUMNS}`.execute(trx);
    const after = singleRow(updated);
    await insertHazardEvent(trx, { hazard_id: request.id, actor: request.actor.name, action: 'edited', note: '' });
    if (patch.notification) await insertNotification(trx, request.id, request.actor, patch.notification);
    await writeAudit(trx, {
      actor: request.actor,
      action: 'update',
      table: 'hazards',
      recordId: request.id,
      villageCode: after.village_code as string,
      before,
      after,
      requestId: request.requestId,
    });
    return after;
  });
}

export interface HazardDetail {
  hazard: GeoJSON.Feature;
  events: {
    id: number;
    at: string;
    actor: string;
    action: string;
    from_status: string | null;
    to_status: string | null;
    note: string;
    notify_method: string | null;
  }[];
  rule: { rule_id: string; clause: string; description_zh: string; description_en: string; threshold: number; unit: string } | null;
  linked: LinkedRecord | null;
  /** The second building of a spacing hazard. */
  paired: LinkedRecord | null;
}

export interface LinkedRecord {
  layer: 'buildings' | 'units' | 'passages';
  id: number;
  code: string;
  name: string | null;
  geometry: GeoJSON.Geometry;
}

/**
 * Everything the detail view shows: the hazard (overdue as of `today`), its timeline, the rule it came from and
 * the linked record.
 */
export async function hazardDetail(db: Db, id: number, villages: readonly string[] | null, today: string): Promise<HazardDetail | null> {
  const hazard = await sql<{
    feature: string;
    village_code: string;
    rule_id: string | null;
    building_id: number | null;
    paired_building_id: number | null;
    unit_id: number | null;
    passage_id: number | null;
  }>`
    SELECT ST_AsGeoJSON(f.*, 'geom', 7) AS feature, f.village_code, f.rule_id, f.building_id, f.paired_building_id, f.unit_id,
      f.passage_id
    FROM (
      SELECT h.id, h.code, h.village_code, v.name AS village_name, h.building_id, h.paired_building_id, h.unit_id, h.passage_id, h.category,
        h.place_type, h.severity, h.criterion, h.rule_id, h.measured, h.description, h.found_on, h.deadline, h.status,
        h.responsible_person, h.closed_on, h.version, ${overdueOn(today)} AS overdue, h.geom
      FROM hazards h JOIN villages v ON v.code = h.village_code WHERE h.id = ${id}) f`.execute(db);
  const row = hazard.rows[0];
  if (!row || (villages && !villages.includes(row.village_code))) return null;
  const [events, rule, linked, paired] = await Promise.all([
    sql<HazardDetail['events'][number]>`
      SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, actor, action, from_status, to_status,
        note, notify_method
      FROM hazard_events WHERE hazard_id = ${id} ORDER BY hazard_events.at, id`.execute(db),
    row.rule_id
      ? sql<NonNullable<HazardDetail['rule']>>`
          SELECT rule_id, clause, description_zh, description_en, threshold::float8 AS threshold, unit
          FROM rules WHERE rule_id = ${row.rule_id}`.execute(db)
      : null,
    linkedRecord(db, row, villages),
    row.paired_building_id === null ? null : recordOf(db, ['buildings', 'buildings', row.paired_building_id], villages),
  ]);
  return { hazard: JSON.parse(row.feature), events: events.rows, rule: rule?.rows[0] ?? null, linked, paired };
}

/** The record a hazard links to, if the user may see it: another village's record is not shown, not even its name. */
async function linkedRecord(
  db: Db,
  row: { building_id: number | null; unit_id: number | null; passage_id: number | null },
  villages: readonly string[] | null,
): Promise<HazardDetail['linked']> {
  const pick =
    row.building_id !== null
      ? (['buildings', 'buildings', row.building_id] as const)
      : row.unit_id !== null
        ? (['units', 'social_units', row.unit_id] as const)
        : row.passage_id !== null
          ? (['passages', 'passages', row.passage_id] as const)
          : null;
  return pick ? recordOf(db, pick, villages) : null;
}

async function recordOf(
  db: Db,
  [layer, table, id]: readonly [LinkedRecord['layer'], string, number],
  villages: readonly string[] | null,
): Promise<LinkedRecord | null> {
  const result = await sql<{ code: string; name: string | null; geometry: string }>`
    SELECT code, name, ST_AsGeoJSON(geom, 7) AS geometry FROM ${sql.table(table)} WHERE id = ${id} ${withinVillages(villages)}`.execute(db);
  const found = result.rows[0];
  return found ? { layer, id, code: found.code, name: found.name, geometry: JSON.parse(found.geometry) } : null;
}

/** Records that the responsible person was notified (method and date); the product itself sends nothing. */
export async function recordNotification(
  db: Db,
  request: {
    id: number;
    notification: { method: NotifyMethod; on: string };
    actor: AuditActor;
    villages: readonly string[] | null;
    requestId: string;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const record = await lockedRecord(trx, request.id, request.villages);
    await insertNotification(trx, request.id, request.actor, request.notification);
    await writeAudit(trx, {
      actor: request.actor,
      action: 'update',
      table: 'hazard_events',
      recordId: request.id,
      villageCode: record.village_code,
      after: { notified: request.notification },
      requestId: request.requestId,
    });
  });
}
