import { type Kysely, sql, type Transaction } from 'kysely';
import { BadRequestError, NotFoundError } from '../../lib/api/errors';
import type { FixStatus } from '../../lib/domain/enums';
import type { Point } from '../../lib/network/graph';
import { FixStepError, StaleFixError } from '../../lib/planning/errors';
import { type CreateFixInput, completes, type FixSpec, isForwardStep, type UpdateFixInput } from '../../lib/planning/fixes';
import type { Database, Db } from '../schema';

/** Who did it, for created_by and the audit log. */
export interface PlanningActor {
  name: string;
  role: string;
}

/** A drawn link end closer than this to an existing passage end is joined to it (metres). */
export const SNAP_M = 25;
const MIN_LINK_M = 5;
const MAX_LINK_M = 3000;

export interface SnappedLink {
  geometry: GeoJSON.LineString;
  start: Point;
  end: Point;
  startSnapped: boolean;
  endSnapped: boolean;
  lengthM: number;
  villageCode: string | null;
}

const geometryFromJson = (geometry: GeoJSON.Geometry) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;

/**
 * Checks a drawn new link with PostGIS (valid, simple, a sensible length) and joins its ends to the nearest
 * passage end within SNAP_M, so the graph (nodes = exact shared end points) connects it. At least one end
 * must join the network; a link floating on its own opens nothing. Read-only.
 */
export async function snapNewLink(db: Db, geometry: GeoJSON.LineString): Promise<SnappedLink> {
  const check = await sql<{ valid: boolean; reason: string; simple: boolean; length_m: number }>`
      SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_IsSimple(g) AS simple,
        ST_Length(ST_Transform(g, 4546)) AS length_m
      FROM (SELECT ${geometryFromJson(geometry)} AS g) s`
    .execute(db)
    .catch((error: Error) => {
      throw new BadRequestError(`new link geometry is not a valid LineString: ${error.message}`);
    });
  const row = check.rows[0]!;
  if (!row.valid) throw new BadRequestError(`new link geometry is not valid: ${row.reason}`);
  if (!row.simple) throw new BadRequestError('new link crosses itself; draw it without loops');
  if (row.length_m < MIN_LINK_M)
    throw new BadRequestError(`new link is ${row.length_m.toFixed(1)} m long; it must be at least ${MIN_LINK_M} m`);
  if (row.length_m > MAX_LINK_M) throw new BadRequestError(`new link is ${row.length_m.toFixed(0)} m long; at most ${MAX_LINK_M} m`);

  const coordinates = geometry.coordinates.map((c) => [c[0]!, c[1]!] as Point);
  const ends = [coordinates[0]!, coordinates[coordinates.length - 1]!];
  const snapped = await Promise.all(
    ends.map(async ([lon, lat]) => {
      const result = await sql<{ x: number; y: number }>`
      SELECT ST_X(e.pt) AS x, ST_Y(e.pt) AS y
      FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), 4546) AS m OFFSET 0) q
      CROSS JOIN LATERAL (
        SELECT p.geom FROM passages p WHERE p.geom_metric && ST_Expand(q.m, ${SNAP_M}::float8)
      ) p
      CROSS JOIN LATERAL (VALUES (ST_StartPoint(p.geom)), (ST_EndPoint(p.geom))) e(pt)
      WHERE ST_Distance(ST_Transform(e.pt, 4546), q.m) <= ${SNAP_M}::float8
      ORDER BY ST_Distance(ST_Transform(e.pt, 4546), q.m), ST_X(e.pt), ST_Y(e.pt) LIMIT 1`.execute(db);
      const hit = result.rows[0];
      return hit ? { point: [hit.x, hit.y] as Point, snapped: true } : { point: [lon, lat] as Point, snapped: false };
    }),
  );
  if (!snapped[0]!.snapped && !snapped[1]!.snapped) {
    throw new BadRequestError(
      `a new link must start or end within ${SNAP_M} m of the end of an existing passage (draw it from a lane end or junction)`,
    );
  }
  coordinates[0] = snapped[0]!.point;
  coordinates[coordinates.length - 1] = snapped[1]!.point;
  const line: GeoJSON.LineString = { type: 'LineString', coordinates };
  const after = await sql<{ valid: boolean; reason: string; simple: boolean; length_m: number; village_code: string | null }>`
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_IsSimple(g) AS simple,
      ST_Length(ST_Transform(g, 4546)) AS length_m,
      (SELECT v.code FROM villages v WHERE ST_Intersects(v.geom, ST_LineInterpolatePoint(g, 0.5)) ORDER BY v.code LIMIT 1) AS village_code
    FROM (SELECT ${geometryFromJson(line)} AS g) s`.execute(db);
  const snappedRow = after.rows[0]!;
  if (!snappedRow.valid || !snappedRow.simple || snappedRow.length_m < MIN_LINK_M) {
    throw new BadRequestError(
      `new link is not valid once joined to the network: ${snappedRow.valid ? 'it crosses itself or is too short' : snappedRow.reason}`,
    );
  }
  return {
    geometry: line,
    start: coordinates[0]!,
    end: coordinates[coordinates.length - 1]!,
    startSnapped: snapped[0]!.snapped,
    endSnapped: snapped[1]!.snapped,
    lengthM: snappedRow.length_m,
    villageCode: snappedRow.village_code,
  };
}

/** The passage a turnaround placed by a point goes on: the nearest within 50 m. */
export async function passageNear(db: Db, [lon, lat]: Point): Promise<number> {
  const result = await sql<{ id: number }>`
    SELECT p.id FROM passages p,
      (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), 4546) AS m OFFSET 0) q
    WHERE ST_DWithin(p.geom_metric, q.m, 50)
    ORDER BY p.geom_metric <-> q.m, p.id LIMIT 1`.execute(db);
  if (!result.rows[0]) throw new BadRequestError('no passage within 50 m of the turnaround point');
  return result.rows[0].id;
}

export async function obstacleRow(db: Db, id: number) {
  const result = await sql<{ id: number; passage_id: number; status: string; code: string }>`
    SELECT id, passage_id, status, code FROM obstacles WHERE id = ${id}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new NotFoundError(`obstacle ${id} not found`);
  return row;
}

export async function passageRow(db: Db, id: number) {
  const result = await sql<{ id: number; code: string; clear_width_m: number; has_turnaround: boolean; village_code: string | null }>`
    SELECT id, code, clear_width_m, has_turnaround, village_code FROM passages WHERE id = ${id}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new NotFoundError(`passage ${id} not found`);
  return row;
}

export interface FixRow {
  id: number;
  kind: string;
  obstacle_id: number | null;
  obstacle_code: string | null;
  passage_id: number | null;
  passage_code: string | null;
  target_width_m: number | null;
  link_class: string | null;
  created_passage_id: number | null;
  responsible: string;
  deadline: string | null;
  status: FixStatus;
  note: string;
  scenario_id: number | null;
  completed_on: string | null;
  village_code: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  geometry: GeoJSON.Geometry | null;
}

const FIX_SELECT = sql`
  SELECT f.id, f.kind, f.obstacle_id, o.code AS obstacle_code, coalesce(f.passage_id, o.passage_id) AS passage_id,
    p.code AS passage_code, f.target_width_m, f.link_class, f.created_passage_id, f.responsible, f.deadline, f.status,
    f.note, f.scenario_id, f.completed_on, p.village_code, f.version, f.created_by,
    to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
    to_char(f.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
    ST_AsGeoJSON(coalesce(f.geom, p.geom), 7) AS geometry
  FROM passage_fixes f
  LEFT JOIN obstacles o ON o.id = f.obstacle_id
  LEFT JOIN passages p ON p.id = coalesce(f.passage_id, o.passage_id)`;

type RawFixRow = Omit<FixRow, 'geometry'> & { geometry: string | null };
const parseRow = (row: RawFixRow): FixRow => ({ ...row, geometry: row.geometry ? (JSON.parse(row.geometry) as GeoJSON.Geometry) : null });

export async function listFixes(db: Db, filter: { statuses?: string[]; scenarioId?: number } = {}): Promise<FixRow[]> {
  const statuses = filter.statuses ?? [];
  const result = await sql<RawFixRow>`${FIX_SELECT}
    WHERE (${statuses.length === 0} OR f.status = ANY(${statuses}::text[]))
      AND (${filter.scenarioId ?? null}::int IS NULL OR f.scenario_id = ${filter.scenarioId ?? null}::int)
    ORDER BY f.id DESC`.execute(db);
  return result.rows.map(parseRow);
}

export async function getFix(db: Db, id: number): Promise<FixRow> {
  const result = await sql<RawFixRow>`${FIX_SELECT} WHERE f.id = ${id}`.execute(db);
  if (!result.rows[0]) throw new NotFoundError(`passage fix ${id} not found`);
  return parseRow(result.rows[0]);
}

async function audit(
  trx: Db,
  actor: PlanningActor,
  action: 'create' | 'update' | 'transition',
  table: string,
  recordId: number,
  villageCode: string | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await sql`
    INSERT INTO audit_log (actor, role, action, table_name, record_id, village_code, before, after)
    VALUES (${actor.name}, ${actor.role}, ${action}, ${table}, ${String(recordId)}, ${villageCode},
      ${before === null ? null : JSON.stringify(before)}::jsonb, ${after === null ? null : JSON.stringify(after)}::jsonb)`.execute(trx);
}

/** The columns a fix spec fills, after checking what it refers to exists (and a new link is valid and joined). */
async function fixColumns(db: Db, fix: FixSpec) {
  switch (fix.kind) {
    case 'clear_obstacle': {
      const obstacle = await obstacleRow(db, fix.obstacle_id);
      if (obstacle.status !== 'open') throw new BadRequestError(`obstacle ${obstacle.code} is already cleared`);
      return { obstacle_id: obstacle.id, passage_id: null, geom: null, target_width_m: null, link_class: null };
    }
    case 'widen': {
      const passage = await passageRow(db, fix.passage_id);
      if (fix.width_m <= passage.clear_width_m) {
        throw new BadRequestError(
          `the new width (${fix.width_m} m) must be more than the current clear width of ${passage.code} (${passage.clear_width_m} m)`,
        );
      }
      return { obstacle_id: null, passage_id: passage.id, geom: null, target_width_m: fix.width_m, link_class: null };
    }
    case 'turnaround': {
      const id = fix.passage_id ?? (await passageNear(db, fix.point!));
      const passage = await passageRow(db, id);
      if (passage.has_turnaround) throw new BadRequestError(`passage ${passage.code} already has a turnaround`);
      const point = fix.point ? ({ type: 'Point', coordinates: fix.point } as GeoJSON.Point) : null;
      return { obstacle_id: null, passage_id: passage.id, geom: point, target_width_m: null, link_class: null };
    }
    case 'new_link': {
      const link = await snapNewLink(db, fix.geometry);
      return { obstacle_id: null, passage_id: null, geom: link.geometry, target_width_m: fix.width_m, link_class: fix.class };
    }
  }
}

/** Saves a planned fix (status 计划) with an audit row. */
export async function createFix(db: Kysely<Database>, input: CreateFixInput, actor: PlanningActor): Promise<FixRow> {
  return db.transaction().execute((trx) => createFixIn(trx, input, actor));
}

export async function createFixIn(trx: Transaction<Database>, input: CreateFixInput, actor: PlanningActor): Promise<FixRow> {
  const columns = await fixColumns(trx, input.fix);
  const inserted = await sql<{ id: number }>`
    INSERT INTO passage_fixes (kind, obstacle_id, passage_id, geom, target_width_m, link_class, responsible, deadline, note,
      scenario_id, created_by)
    VALUES (${input.fix.kind}, ${columns.obstacle_id}, ${columns.passage_id},
      ${columns.geom ? geometryFromJson(columns.geom) : null}, ${columns.target_width_m}, ${columns.link_class},
      ${input.responsible}, ${input.deadline ?? null}, ${input.note}, ${input.scenario_id ?? null}, ${actor.name})
    RETURNING id`.execute(trx);
  const row = await getFix(trx, inserted.rows[0]!.id);
  await audit(trx, actor, 'create', 'passage_fixes', row.id, row.village_code, null, auditView(row));
  return row;
}

const auditView = (row: FixRow) => {
  const { geometry: _geometry, created_at: _c, updated_at: _u, ...rest } = row;
  return rest;
};

/**
 * Edits a fix (responsible, deadline, note) and/or moves its status forward. A stale `version` throws
 * StaleFixError with the current row; a backward step throws FixStepError. Reaching 已完成 changes the
 * passage data in the same transaction (see completeFix), each changed row with its own audit entry.
 */
export async function updateFix(db: Kysely<Database>, id: number, input: UpdateFixInput, actor: PlanningActor): Promise<FixRow> {
  return db.transaction().execute(async (trx) => {
    const locked = await sql<{ id: number }>`SELECT id FROM passage_fixes WHERE id = ${id} FOR UPDATE`.execute(trx);
    if (!locked.rows[0]) throw new NotFoundError(`passage fix ${id} not found`);
    const before = await getFix(trx, id);
    if (before.version !== input.version) throw new StaleFixError(before as unknown as Record<string, unknown>);
    const to = input.status ?? before.status;
    if (to !== before.status && !isForwardStep(before.status, to)) {
      throw new FixStepError(
        `status can only move forward (计划 → 实施中 → 已完成 → 已验收): ${before.status} → ${to} is not allowed`,
        before as unknown as Record<string, unknown>,
      );
    }
    let createdPassageId = before.created_passage_id;
    if (completes(before.status, to)) createdPassageId = await completeFix(trx, before, actor);
    await sql`
      UPDATE passage_fixes SET status = ${to}, version = version + 1, updated_at = now(),
        responsible = ${input.responsible ?? before.responsible},
        deadline = ${input.deadline === undefined ? before.deadline : input.deadline},
        note = ${input.note ?? before.note},
        created_passage_id = ${createdPassageId},
        completed_on = CASE WHEN ${to}::text IN ('done', 'accepted') THEN coalesce(completed_on, current_date) ELSE NULL END
      WHERE id = ${id}`.execute(trx);
    const after = await getFix(trx, id);
    await audit(
      trx,
      actor,
      to !== before.status ? 'transition' : 'update',
      'passage_fixes',
      id,
      after.village_code,
      auditView(before),
      auditView(after),
    );
    return after;
  });
}

/**
 * What reaching 已完成 does to the data, so every analysis sees the fix: clear the obstacle, set the new
 * clear width, mark the turnaround, or store the new link as a passage (joined to the network as drawn).
 * Returns the new passage's id for a new link.
 */
async function completeFix(trx: Transaction<Database>, fix: FixRow, actor: PlanningActor): Promise<number | null> {
  if (fix.kind === 'clear_obstacle') {
    const before = await sql<Record<string, unknown>>`SELECT id, status, cleared_on FROM obstacles WHERE id = ${fix.obstacle_id}`.execute(
      trx,
    );
    const after = await sql<Record<string, unknown>>`
      UPDATE obstacles SET status = 'cleared', cleared_on = current_date WHERE id = ${fix.obstacle_id} AND status = 'open'
      RETURNING id, status, cleared_on`.execute(trx);
    if (after.rows[0]) await audit(trx, actor, 'update', 'obstacles', fix.obstacle_id!, fix.village_code, before.rows[0], after.rows[0]);
    return null;
  }
  if (fix.kind === 'widen' || fix.kind === 'turnaround') {
    const before = await sql<
      Record<string, unknown>
    >`SELECT id, clear_width_m, has_turnaround FROM passages WHERE id = ${fix.passage_id}`.execute(trx);
    const after =
      fix.kind === 'widen'
        ? await sql<Record<string, unknown>>`
          UPDATE passages SET clear_width_m = greatest(clear_width_m, ${fix.target_width_m}::float8) WHERE id = ${fix.passage_id}
          RETURNING id, clear_width_m, has_turnaround`.execute(trx)
        : await sql<Record<string, unknown>>`
          UPDATE passages SET has_turnaround = true WHERE id = ${fix.passage_id} RETURNING id, clear_width_m, has_turnaround`.execute(trx);
    await audit(trx, actor, 'update', 'passages', fix.passage_id!, fix.village_code, before.rows[0], after.rows[0]);
    return null;
  }
  // new_link: join it again (the network may have changed since it was planned), then store it.
  const link = await snapNewLink(trx, fix.geometry as GeoJSON.LineString);
  const inserted = await sql<{ id: number; code: string }>`
      INSERT INTO passages (code, name, village_code, class, clear_width_m, clear_height_m, surface, has_turnaround, geom)
      VALUES (${`PF${String(fix.id).padStart(5, '0')}`}, ${`新建通道（整改 #${fix.id}）`}, ${link.villageCode}, ${fix.link_class},
        ${fix.target_width_m}, NULL, 'concrete', false, ${geometryFromJson(link.geometry)})
      RETURNING id, code`
    .execute(trx)
    .catch((error: Error) => {
      throw new BadRequestError(`the new link cannot be stored as a passage: ${error.message}`);
    });
  const passage = inserted.rows[0]!;
  await audit(trx, actor, 'create', 'passages', passage.id, link.villageCode, null, {
    id: passage.id,
    code: passage.code,
    class: fix.link_class,
    clear_width_m: fix.target_width_m,
    length_m: Math.round(link.lengthM * 100) / 100,
    from_fix: fix.id,
  });
  return passage.id;
}
