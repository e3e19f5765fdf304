import { type RawBuilder, sql } from 'kysely';
import type { HazardStatus } from '../../lib/domain/enums';
import { bboxAround } from '../../lib/geo';
import type { HazardFilter } from '../../lib/hazards/filter';
import { enumLabel } from '../../lib/i18n';
import { say } from '../../lib/i18n/say';
import type { Db } from '../schema';
import { singleRow } from './rows';
import { containsPattern } from './text-match';

/** Open and past its deadline on `today` (China date, YYYY-MM-DD): the list's, the detail's and the map's overdue flag. */
export function overdueOn(today: string, alias = 'h'): RawBuilder<boolean> {
  const h = sql.raw(alias);
  return sql<boolean>`(${h}.status <> 'closed' AND ${h}.deadline < ${today}::date)`;
}

/**
 * The WHERE conditions of a filter on `today`; `withStatus: false` leaves out the status filter (for per-status
 * counts).
 */
function conditions(filter: HazardFilter, today: string, withStatus: boolean): RawBuilder<unknown> {
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
    // The box lets the GiST index answer first; the geography test then measures on the ellipsoid.
    const [west, south, east, north] = bboxAround(lon, lat, radiusM);
    parts.push(sql`h.geom && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`);
    parts.push(sql`ST_DWithin(h.geom::geography, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography, ${radiusM})`);
  }
  if (filter.overdue !== undefined) {
    const overdue = overdueOn(today);
    parts.push(filter.overdue ? overdue : sql`NOT ${overdue}`);
  }
  if (filter.dueWithinDays !== undefined) {
    parts.push(sql`(h.status <> 'closed' AND h.deadline BETWEEN ${today}::date AND ${today}::date + ${filter.dueWithinDays}::int)`);
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

/** The hazard list for a filter on `today`: one page of features, the total and the counts per status. */
export async function listHazards(
  db: Db,
  filter: HazardFilter,
  page: { limit: number; offset: number },
  today: string,
): Promise<HazardList> {
  const rows = sql`
    SELECT h.id, h.code, h.village_code, v.name AS village_name, h.category, h.place_type, h.severity, h.criterion,
      h.rule_id, h.measured, h.description, h.found_on, h.deadline, h.status, h.responsible_person, h.closed_on,
      h.version, ${overdueOn(today)} AS overdue, r.clause AS rule_clause, h.geom
    FROM hazards h JOIN villages v ON v.code = h.village_code LEFT JOIN rules r ON r.rule_id = h.rule_id
    WHERE ${conditions(filter, today, true)}
    ORDER BY h.found_on DESC, h.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`;
  const [features, counts] = await Promise.all([
    sql<{ collection: string }>`
      SELECT json_build_object('type', 'FeatureCollection',
        'features', coalesce(json_agg(ST_AsGeoJSON(f.*, 'geom', 7)::json), '[]'::json))::text AS collection
      FROM (${rows}) f`.execute(db),
    sql<{ status: string; n: number }>`
      SELECT h.status, count(*)::int AS n
      FROM hazards h WHERE ${conditions(filter, today, false)}
      GROUP BY h.status`.execute(db),
  ]);
  const byStatus = Object.fromEntries(counts.rows.map((row) => [row.status, row.n]));
  const total =
    filter.statuses.length === 0
      ? counts.rows.reduce((sum, row) => sum + row.n, 0)
      : counts.rows.filter((row) => filter.statuses.includes(row.status)).reduce((sum, row) => sum + row.n, 0);
  return { collection: singleRow(features).collection, total, byStatus };
}

/**
 * Every hazard of a filter as light map points (id, status, severity, overdue), up to `limit`: the map
 * shows all of them while the list pages through. RFC 7946 FeatureCollection text.
 */
export async function hazardPoints(db: Db, filter: HazardFilter, limit: number, today: string): Promise<string> {
  const result = await sql<{ collection: string }>`
    SELECT json_build_object('type', 'FeatureCollection',
      'features', coalesce(json_agg(ST_AsGeoJSON(f.*, 'geom', 6)::json), '[]'::json))::text AS collection
    FROM (
      SELECT h.id, h.status, h.severity, ${overdueOn(today)} AS overdue, h.geom
      FROM hazards h WHERE ${conditions(filter, today, true)}
      ORDER BY h.found_on DESC, h.id DESC LIMIT ${limit}) f`.execute(db);
  return singleRow(result).collection;
}

/** Someone else changed the hazard since it was read: carries the current state to show instead. */
export class StaleVersionError extends Error {
  constructor(readonly current: { version: number; status: string }) {
    super(
      say(
        `该隐患已被他人修改（现为第 ${current.version} 版，状态：${enumLabel('zh-CN', 'hazard_status', current.status)}）`,
        `the hazard was changed by someone else (now version ${current.version}, status ${current.status})`,
      ),
    );
    this.name = 'StaleVersionError';
  }
}

export class HazardNotFoundError extends Error {
  constructor(id: number) {
    super(say(`没有 id 为 ${id} 的隐患`, `no hazard with id ${id}`));
    this.name = 'HazardNotFoundError';
  }
}

/** A hazard's lifecycle state, locked until the transaction ends; undefined when there is no such hazard. */
export async function lockHazardState(db: Db, id: number) {
  return db
    .selectFrom('hazards')
    .select(['status', 'version', 'village_code', 'closed_on'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Whether the hazard has an after-photo (整改后照片), the evidence that allows closing it. */
export async function hasAfterPhoto(db: Db, hazardId: number): Promise<boolean> {
  const photo = await db
    .selectFrom('hazard_photos')
    .select('id')
    .where('hazard_id', '=', hazardId)
    .where('kind', '=', 'after')
    .limit(1)
    .executeTakeFirst();
  return photo !== undefined;
}

/** Sets a hazard's status and 销号日期 (closed_on: the day it was closed, null while open), bumping its version. */
export async function setHazardStatus(db: Db, change: { id: number; status: HazardStatus; closedOn: string | null }) {
  return db
    .updateTable('hazards')
    .set({ status: change.status, closed_on: change.closedOn, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', change.id)
    .returning(['version', 'status', 'closed_on'])
    .executeTakeFirstOrThrow();
}
