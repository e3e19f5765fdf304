import { sql } from 'kysely';
import type { FixKind, FixStatus, PassageClass } from '../../lib/domain/enums';
import type { Db } from '../schema';
import { utcInstant } from './instants';

export interface FixRow {
  id: number;
  kind: FixKind;
  obstacle_id: number | null;
  obstacle_code: string | null;
  passage_id: number | null;
  passage_code: string | null;
  passage_name: string | null;
  passage_class: PassageClass | null;
  target_width_m: number | null;
  link_class: PassageClass | null;
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

const geometryFromJson = (geometry: GeoJSON.Geometry) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;

/** A fix with its obstacle's code and its passage (its own, or its obstacle's), whose village is the fix's village. */
const selectFixes = (db: Db) =>
  db
    .selectFrom('passage_fixes as f')
    .leftJoin('obstacles as o', 'o.id', 'f.obstacle_id')
    .leftJoin('passages as p', (join) => join.on((eb) => eb('p.id', '=', eb.fn.coalesce('f.passage_id', 'o.passage_id'))))
    .select((eb) => [
      'f.id',
      'f.kind',
      'f.obstacle_id',
      'o.code as obstacle_code',
      eb.fn.coalesce('f.passage_id', 'o.passage_id').as('passage_id'),
      'p.code as passage_code',
      'p.name as passage_name',
      'p.class as passage_class',
      'f.target_width_m',
      'f.link_class',
      'f.created_passage_id',
      'f.responsible',
      'f.deadline',
      'f.status',
      'f.note',
      'f.scenario_id',
      'f.completed_on',
      'p.village_code',
      'f.version',
      'f.created_by',
      utcInstant('f.created_at').as('created_at'),
      utcInstant('f.updated_at').as('updated_at'),
      sql<string | null>`ST_AsGeoJSON(coalesce(f.geom, p.geom), 7)`.as('geometry'),
    ]);

type RawFixRow = Awaited<ReturnType<ReturnType<typeof selectFixes>['executeTakeFirstOrThrow']>>;
const toFixRow = (row: RawFixRow): FixRow => ({
  ...row,
  geometry: row.geometry ? (JSON.parse(row.geometry) as GeoJSON.Geometry) : null,
});

export async function listFixes(db: Db, filter: { statuses?: readonly FixStatus[]; scenarioId?: number } = {}): Promise<FixRow[]> {
  const statuses = filter.statuses ?? [];
  const scenarioId = filter.scenarioId;
  const rows = await selectFixes(db)
    .$if(statuses.length > 0, (query) => query.where('f.status', 'in', statuses))
    .$if(scenarioId !== undefined, (query) => query.where('f.scenario_id', '=', scenarioId ?? null))
    .orderBy('f.id', 'desc')
    .execute();
  return rows.map(toFixRow);
}

export async function findFix(db: Db, id: number): Promise<FixRow | undefined> {
  const row = await selectFixes(db).where('f.id', '=', id).executeTakeFirst();
  return row && toFixRow(row);
}

/** Locks a fix row for the rest of the transaction; false when there is none. */
export async function lockFix(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('passage_fixes').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** What a fix of each kind refers to (the table's CHECK says which are filled for which kind). */
export interface FixTarget {
  obstacle_id: number | null;
  passage_id: number | null;
  geom: GeoJSON.LineString | GeoJSON.Point | null;
  target_width_m: number | null;
  link_class: PassageClass | null;
}

export interface NewFix extends FixTarget {
  kind: FixKind;
  responsible: string;
  deadline: string | null;
  note: string;
  scenario_id: number | null;
  created_by: string;
}

export async function insertFix(db: Db, fix: NewFix): Promise<number> {
  const row = await db
    .insertInto('passage_fixes')
    .values({ ...fix, geom: fix.geom ? geometryFromJson(fix.geom) : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface FixChanges {
  status: FixStatus;
  responsible: string;
  deadline: string | null;
  note: string;
  created_passage_id: number | null;
  completed_on: string | null;
}

/** Writes a fix's new state and moves its version on. */
export async function updateFixRow(db: Db, id: number, changes: FixChanges): Promise<void> {
  await db
    .updateTable('passage_fixes')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

// ——— what a fix refers to ———

export interface ObstacleOfFix {
  id: number;
  code: string;
  status: string;
  passage_id: number;
  village_code: string | null;
}

export async function findObstacle(db: Db, id: number): Promise<ObstacleOfFix | undefined> {
  return db
    .selectFrom('obstacles as o')
    .innerJoin('passages as p', 'p.id', 'o.passage_id')
    .select(['o.id', 'o.code', 'o.status', 'o.passage_id', 'p.village_code'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export interface PassageOfFix {
  id: number;
  code: string;
  clear_width_m: number;
  has_turnaround: boolean;
  village_code: string | null;
}

export async function findPassage(db: Db, id: number): Promise<PassageOfFix | undefined> {
  return db
    .selectFrom('passages')
    .select(['id', 'code', 'clear_width_m', 'has_turnaround', 'village_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

// ——— what completing a fix changes ———

export interface ObstacleState {
  id: number;
  status: string;
  cleared_on: string | null;
}

export async function obstacleState(db: Db, id: number): Promise<ObstacleState | undefined> {
  return db.selectFrom('obstacles').select(['id', 'status', 'cleared_on']).where('id', '=', id).executeTakeFirst();
}

/** Clears an open obstacle on `today`; undefined when it was already cleared. */
export async function clearObstacle(db: Db, id: number, today: string): Promise<ObstacleState | undefined> {
  return db
    .updateTable('obstacles')
    .set({ status: 'cleared', cleared_on: sql<string>`${today}::date` })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning(['id', 'status', 'cleared_on'])
    .executeTakeFirst();
}

export interface PassageState {
  id: number;
  clear_width_m: number;
  has_turnaround: boolean;
}

export async function passageState(db: Db, id: number): Promise<PassageState | undefined> {
  return db.selectFrom('passages').select(['id', 'clear_width_m', 'has_turnaround']).where('id', '=', id).executeTakeFirst();
}

/** Widens a passage to at least `widthM` (never narrows it). */
export async function widenPassage(db: Db, id: number, widthM: number): Promise<PassageState> {
  return db
    .updateTable('passages')
    .set({ clear_width_m: sql<number>`greatest(clear_width_m, ${widthM}::float8)` })
    .where('id', '=', id)
    .returning(['id', 'clear_width_m', 'has_turnaround'])
    .executeTakeFirstOrThrow();
}

export async function markTurnaround(db: Db, id: number): Promise<PassageState> {
  return db
    .updateTable('passages')
    .set({ has_turnaround: true })
    .where('id', '=', id)
    .returning(['id', 'clear_width_m', 'has_turnaround'])
    .executeTakeFirstOrThrow();
}

export interface NewLinkPassage {
  code: string;
  name: string;
  villageCode: string | null;
  linkClass: PassageClass;
  widthM: number;
  geometry: GeoJSON.LineString;
}

/** Stores a built new link as a concrete passage without a height limit or turnaround. */
export async function insertLinkPassage(db: Db, link: NewLinkPassage): Promise<{ id: number; code: string }> {
  return db
    .insertInto('passages')
    .values({
      code: link.code,
      name: link.name,
      village_code: link.villageCode,
      class: link.linkClass,
      clear_width_m: link.widthM,
      clear_height_m: null,
      surface: 'concrete',
      has_turnaround: false,
      geom: geometryFromJson(link.geometry),
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow();
}
