import { type RawBuilder, sql } from 'kysely';
import type { HazardStatus } from '../../lib/domain/enums';
import type { HazardFilter } from '../../lib/hazards/filter';
import { checkTransition } from '../../lib/hazards/lifecycle';
import type { Db } from '../schema';
import { containsPattern } from './text-match';

/** The WHERE conditions of a filter; `withStatus: false` leaves out the status filter (for per-status counts). */
function conditions(filter: HazardFilter, withStatus: boolean): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  const anyOf = (column: string, values: string[]) =>
    values.length > 0 ? parts.push(sql`h.${sql.ref(column)} = ANY(${values}::text[])`) : undefined;
  anyOf('village_code', filter.villages);
  anyOf('category', filter.categories);
  anyOf('place_type', filter.placeTypes);
  anyOf('severity', filter.severities);
  if (withStatus) anyOf('status', filter.statuses);
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox;
    parts.push(sql`h.geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`);
  }
  if (filter.within) {
    parts.push(sql`ST_Intersects(h.geom, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(filter.within)}), 4326))`);
  }
  if (filter.near) {
    const { lon, lat, radiusM } = filter.near;
    // The box in degrees lets the GiST index answer first; the geography test then measures on the ellipsoid.
    const degreesLat = radiusM / 110_574;
    const degreesLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
    parts.push(sql`h.geom && ST_MakeEnvelope(${lon - degreesLon}, ${lat - degreesLat}, ${lon + degreesLon}, ${lat + degreesLat}, 4326)`);
    parts.push(sql`ST_DWithin(h.geom::geography, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography, ${radiusM})`);
  }
  if (filter.overdue !== undefined) {
    const overdue = sql`(h.status <> 'closed' AND h.deadline < current_date)`;
    parts.push(filter.overdue ? overdue : sql`NOT ${overdue}`);
  }
  if (filter.dueWithinDays !== undefined) {
    parts.push(sql`(h.status <> 'closed' AND h.deadline BETWEEN current_date AND current_date + ${filter.dueWithinDays}::int)`);
  }
  if (filter.foundFrom) parts.push(sql`h.found_on >= ${filter.foundFrom}::date`);
  if (filter.foundTo) parts.push(sql`h.found_on <= ${filter.foundTo}::date`);
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    parts.push(sql`(h.code ILIKE ${pattern} OR h.description ILIKE ${pattern} OR h.responsible_person ILIKE ${pattern})`);
  }
  return sql.join(parts, sql` AND `);
}

/** Why a drawn area is not a valid polygon (PostGIS's reason), or null when it is. */
export async function invalidAreaReason(db: Db, area: GeoJSON.Geometry): Promise<string | null> {
  const result = await sql<{ reason: string | null }>`
    SELECT CASE WHEN ST_IsValid(g) THEN NULL ELSE ST_IsValidReason(g) END AS reason
    FROM (SELECT ST_GeomFromGeoJSON(${JSON.stringify(area)}) AS g) t`.execute(db);
  return result.rows[0]?.reason ?? null;
}

export interface HazardList {
  /** RFC 7946 FeatureCollection text, newest first. */
  collection: string;
  total: number;
  /** Hazards per status under every filter except the status filter (the list's status tabs). */
  byStatus: Record<string, number>;
}

/** The hazard list for a filter: one page of features, the total and the counts per status. */
export async function listHazards(db: Db, filter: HazardFilter, page: { limit: number; offset: number }): Promise<HazardList> {
  const rows = sql`
    SELECT h.id, h.code, h.village_code, v.name AS village_name, h.category, h.place_type, h.severity, h.criterion,
      h.rule_id, h.measured, h.description, h.found_on, h.deadline, h.status, h.responsible_person, h.closed_on,
      h.version, h.status <> 'closed' AND h.deadline < current_date AS overdue, h.geom
    FROM hazards h JOIN villages v ON v.code = h.village_code
    WHERE ${conditions(filter, true)}
    ORDER BY h.found_on DESC, h.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`;
  const [features, counts] = await Promise.all([
    sql<{ collection: string }>`
      SELECT json_build_object('type', 'FeatureCollection',
        'features', coalesce(json_agg(ST_AsGeoJSON(f.*, 'geom', 7)::json), '[]'::json))::text AS collection
      FROM (${rows}) f`.execute(db),
    sql<{ status: string; n: number }>`
      SELECT h.status, count(*)::int AS n
      FROM hazards h WHERE ${conditions(filter, false)}
      GROUP BY h.status`.execute(db),
  ]);
  const byStatus = Object.fromEntries(counts.rows.map((row) => [row.status, row.n]));
  const total =
    filter.statuses.length === 0
      ? counts.rows.reduce((sum, row) => sum + row.n, 0)
      : counts.rows.filter((row) => filter.statuses.includes(row.status)).reduce((sum, row) => sum + row.n, 0);
  return { collection: features.rows[0]!.collection, total, byStatus };
}

/**
 * Every hazard of a filter as light map points (id, status, severity, overdue), up to `limit`: the map
 * shows all of them while the list pages through. RFC 7946 FeatureCollection text.
 */
export async function hazardPoints(db: Db, filter: HazardFilter, limit: number): Promise<string> {
  const result = await sql<{ collection: string }>`
    SELECT json_build_object('type', 'FeatureCollection',
      'features', coalesce(json_agg(ST_AsGeoJSON(f.*, 'geom', 6)::json), '[]'::json))::text AS collection
    FROM (
      SELECT h.id, h.status, h.severity, h.status <> 'closed' AND h.deadline < current_date AS overdue, h.geom
      FROM hazards h WHERE ${conditions(filter, true)}
      ORDER BY h.found_on DESC, h.id DESC LIMIT ${limit}) f`.execute(db);
  return result.rows[0]!.collection;
}

/** Someone else changed the hazard since it was read: carries the current state to show instead. */
export class StaleVersionError extends Error {
  constructor(readonly current: { version: number; status: string }) {
    super(`the hazard was changed by someone else (now version ${current.version}, status ${current.status})`);
    this.name = 'StaleVersionError';
  }
}

export class HazardNotFoundError extends Error {
  constructor(id: number) {
    super(`no hazard with id ${id}`);
    this.name = 'HazardNotFoundError';
  }
}

export interface TransitionRequest {
  id: number;
  to: HazardStatus;
  note: string;
  /** The version the user saw; a newer one in the database means their view is stale. */
  version: number;
  actor: { name: string; role: string | null };
  /** The actor's villages; null = whole town. A hazard outside answers as not found. */
  villages?: readonly string[] | null;
  /** Called with the locked current status before anything changes (the route checks the role for that step). */
  authorize?: (from: HazardStatus, to: HazardStatus) => void;
  requestId?: string;
}

/**
 * Moves a hazard one step along its lifecycle, in one transaction: the row is locked, the version compared
 * (optimistic concurrency), the step checked, then the hazard, its event log and the audit log written.
 * Returns the new version.
 */
export async function transitionHazard(db: Db, request: TransitionRequest): Promise<{ version: number; status: HazardStatus }> {
  return db.transaction().execute(async (trx) => {
    const current = await sql<{ status: HazardStatus; version: number; village_code: string; closed_on: string | null }>`
      SELECT status, version, village_code, closed_on FROM hazards WHERE id = ${request.id} FOR UPDATE`.execute(trx);
    const row = current.rows[0];
    if (!row || (request.villages && !request.villages.includes(row.village_code))) throw new HazardNotFoundError(request.id);
    if (row.version !== request.version) throw new StaleVersionError({ version: row.version, status: row.status });
    request.authorize?.(row.status, request.to);
    const afterPhotos = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM hazard_photos WHERE hazard_id = ${request.id} AND kind = 'after'`.execute(trx);
    checkTransition(row.status, request.to, request.note, afterPhotos.rows[0]!.n > 0);

    const updated = await sql<{ version: number; status: HazardStatus; closed_on: string | null }>`
      UPDATE hazards SET status = ${request.to}, version = version + 1, updated_at = now(),
        closed_on = CASE WHEN ${request.to}::text = 'closed' THEN current_date ELSE NULL END
      WHERE id = ${request.id}
      RETURNING version, status, closed_on`.execute(trx);
    const after = updated.rows[0]!;
    const reopened = row.status === 'awaiting_review' && request.to === 'in_progress';
    await sql`
      INSERT INTO hazard_events (hazard_id, actor, action, from_status, to_status, note)
      VALUES (${request.id}, ${request.actor.name}, ${reopened ? 'reopened' : 'transition'}, ${row.status}, ${request.to},
        ${request.note})`.execute(trx);
    await sql`
      INSERT INTO audit_log (actor, role, action, table_name, record_id, village_code, before, after, request_id)
      VALUES (${request.actor.name}, ${request.actor.role}, 'transition', 'hazards', ${String(request.id)}, ${row.village_code},
        ${JSON.stringify({ status: row.status, version: row.version, closed_on: row.closed_on })}::jsonb,
        ${JSON.stringify(after)}::jsonb, ${request.requestId ?? null})`.execute(trx);
    return { version: after.version, status: after.status };
  });
}
