import { sql } from 'kysely';
import type { Db } from '../schema';
import { latestFieldChecks } from './field-checks';

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

type OpenHazard = PlateRecord['openHazards'][number];

const lastCheckOf = (check: { checked_by_name: string; observed_at: string } | undefined) =>
  check ? { checkedBy: check.checked_by_name, observedAt: check.observed_at } : null;

/**
 * The plate records within `villages` (null: the whole town) with the hazards still open on each — a spacing
 * hazard concerns both buildings of its pair, so it is listed on either one's plate; `only` narrows to one plate.
 */
export async function plateRecords(
  db: Db,
  villages: readonly string[] | null,
  only?: { kind: PlateKind; code: string },
): Promise<PlateRecord[]> {
  if (villages !== null && villages.length === 0) return [];
  const scoped = villages !== null;
  const rows = await sql<{
    kind: PlateKind;
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
    SELECT r.kind, r.id, r.code, r.name, r.village_code, v.name AS village_name,
      ST_X(ST_PointOnSurface(r.geom)) AS lon, ST_Y(ST_PointOnSurface(r.geom)) AS lat, r.has_smoke_alarm, r.has_extinguisher
    FROM (
      SELECT 'building' AS kind, id, code, name, village_code, geom, has_smoke_alarm, has_extinguisher FROM buildings
      UNION ALL
      SELECT 'unit' AS kind, id, code, name, village_code, geom, NULL::boolean, NULL::boolean FROM social_units
    ) r JOIN villages v ON v.code = r.village_code
    WHERE ${scoped ? sql`r.village_code IN (${sql.join([...(villages ?? [])])})` : sql`true`}
      ${only ? sql`AND r.kind = ${only.kind} AND r.code = ${only.code}` : sql``}
    ORDER BY r.kind, r.code`.execute(db);
  const first = rows.rows[0];
  if (first === undefined) return [];
  const hazards = await db
    .selectFrom('hazards')
    .select([
      'id',
      'code',
      'category',
      'status',
      'description',
      'building_id',
      'paired_building_id',
      'unit_id',
      sql<string | null>`deadline::text`.as('deadline'),
    ])
    .$if(scoped, (query) => query.where('village_code', 'in', villages ?? []))
    .$if(only !== undefined, (query) => {
      const id = first.id;
      return query.where((eb) =>
        only?.kind === 'building' ? eb.or([eb('building_id', '=', id), eb('paired_building_id', '=', id)]) : eb('unit_id', '=', id),
      );
    })
    .where('status', '<>', 'closed')
    .orderBy('deadline')
    .orderBy('id')
    .execute();
  const open = new Map<string, OpenHazard[]>();
  const add = (key: string, hazard: OpenHazard) => open.set(key, [...(open.get(key) ?? []), hazard]);
  for (const { building_id, paired_building_id, unit_id, ...hazard } of hazards) {
    if (building_id !== null) add(`building:${building_id}`, hazard);
    if (paired_building_id !== null && paired_building_id !== building_id) add(`building:${paired_building_id}`, hazard);
    if (unit_id !== null) add(`unit:${unit_id}`, hazard);
  }
  const checks = await latestFieldChecks(
    db,
    'building',
    rows.rows.filter((row) => row.kind === 'building').map((row) => row.id),
  );
  return rows.rows.map((row) => ({
    kind: row.kind,
    id: row.id,
    code: row.code,
    name: row.name,
    villageCode: row.village_code,
    villageName: row.village_name,
    lon: row.lon,
    lat: row.lat,
    openHazards: open.get(`${row.kind}:${row.id}`) ?? [],
    equipment:
      row.has_smoke_alarm === null || row.has_extinguisher === null
        ? null
        : { hasSmokeAlarm: row.has_smoke_alarm, hasExtinguisher: row.has_extinguisher },
    lastCheck: lastCheckOf(row.kind === 'building' ? checks.get(row.id) : undefined),
  }));
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
  return (await plateRecords(db, villages, { kind, code }))[0];
}
