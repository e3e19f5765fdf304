import { sql } from 'kysely';
import type { Db } from '../schema';
import { listFieldChecks } from './field-checks';

/** What a house plate (一户一码) names: a building or a social unit, by its stored code. */
export type PlateKind = 'building' | 'unit';

export interface PlateEntry {
  kind: PlateKind;
  code: string;
  name: string | null;
}

export interface VillagePlates {
  village: { code: string; name: string };
  plates: PlateEntry[];
}

/** The village's buildings and social units, by code, for its sheet of plates; undefined for no such village. */
export async function villagePlates(db: Db, villageCode: string): Promise<VillagePlates | undefined> {
  const village = await db.selectFrom('villages').select(['code', 'name']).where('code', '=', villageCode).executeTakeFirst();
  if (!village) return undefined;
  const buildings = await db
    .selectFrom('buildings')
    .select(['code', 'name'])
    .where('village_code', '=', villageCode)
    .orderBy('code')
    .execute();
  const units = await db
    .selectFrom('social_units')
    .select(['code', 'name'])
    .where('village_code', '=', villageCode)
    .orderBy('code')
    .execute();
  return {
    village,
    plates: [
      ...buildings.map((row) => ({ kind: 'building' as const, code: row.code, name: row.name })),
      ...units.map((row) => ({ kind: 'unit' as const, code: row.code, name: row.name })),
    ],
  };
}

export interface PlateRecord {
  kind: PlateKind;
  id: number;
  code: string;
  name: string | null;
  villageCode: string;
  villageName: string;
  lon: number;
  lat: number;
  openHazards: { id: number; code: string; category: string; status: string; description: string; deadline: string | null }[];
  /** A building's fire equipment as last recorded, and its latest field check (who, when observed); units have none. */
  equipment: { hasSmokeAlarm: boolean; hasExtinguisher: boolean } | null;
  lastCheck: { checkedBy: string; observedAt: string } | null;
}

/**
 * The record a scanned plate names, with the hazards still open on it; undefined when there is none or it lies
 * outside `villages` (null: the whole town), so a plate of another village reads as unknown.
 */
export async function plateRecord(
  db: Db,
  kind: PlateKind,
  code: string,
  villages: readonly string[] | null,
): Promise<PlateRecord | undefined> {
  const table = sql.table(kind === 'building' ? 'buildings' : 'social_units');
  const result = await sql<{
    id: number;
    code: string;
    name: string | null;
    village_code: string;
    village_name: string;
    lon: number;
    lat: number;
    has_smoke_alarm: boolean | null;
    has_extinguisher: boolean | null;
  }>`
    SELECT r.id, r.code, r.name, r.village_code, v.name AS village_name,
      ST_X(ST_PointOnSurface(r.geom)) AS lon, ST_Y(ST_PointOnSurface(r.geom)) AS lat,
      ${kind === 'building' ? sql`r.has_smoke_alarm, r.has_extinguisher` : sql`NULL::boolean AS has_smoke_alarm, NULL::boolean AS has_extinguisher`}
    FROM ${table} r JOIN villages v ON v.code = r.village_code
    WHERE r.code = ${code}`.execute(db);
  const [row] = result.rows;
  if (!row || (villages && !villages.includes(row.village_code))) return undefined;
  const hazards = await db
    .selectFrom('hazards')
    .select(['id', 'code', 'category', 'status', 'description', sql<string | null>`deadline::text`.as('deadline')])
    // A spacing hazard concerns both buildings of its pair: it is listed on either one's plate, within the user's villages.
    .where((eb) =>
      kind === 'building' ? eb.or([eb('building_id', '=', row.id), eb('paired_building_id', '=', row.id)]) : eb('unit_id', '=', row.id),
    )
    .$if(villages !== null && villages.length > 0, (query) => query.where('village_code', 'in', villages ?? []))
    .where('status', '<>', 'closed')
    .orderBy('deadline')
    .orderBy('id')
    .execute();
  const [last] = kind === 'building' ? await listFieldChecks(db, 'building', row.id, 1) : [];
  return {
    kind,
    id: row.id,
    code: row.code,
    name: row.name,
    villageCode: row.village_code,
    villageName: row.village_name,
    lon: row.lon,
    lat: row.lat,
    openHazards: hazards,
    equipment:
      row.has_smoke_alarm === null || row.has_extinguisher === null
        ? null
        : { hasSmokeAlarm: row.has_smoke_alarm, hasExtinguisher: row.has_extinguisher },
    lastCheck: last ? { checkedBy: last.checked_by_name, observedAt: last.observed_at } : null,
  };
}
