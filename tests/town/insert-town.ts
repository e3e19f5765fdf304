import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { GEODATA_FILES, type GeodataFile } from '../../db/seed/geodata-files';
import { type PlacedGeometry, storedGeometry } from './coordinates';
import type { TestTown, TownTable } from './town';

/** Which table each kind of record (named as the builder's methods) is stored in. */
const TABLE_OF = {
  building: 'buildings',
  passage: 'passages',
  obstacle: 'obstacles',
  waterSource: 'water_sources',
  station: 'stations',
  unit: 'social_units',
  strawStack: 'straw_stacks',
  hazard: 'hazards',
  incident: 'fire_incidents',
} as const satisfies Record<string, TownTable>;

/** Database ids by code, per kind of record. */
export type TownIds = Record<keyof typeof TABLE_OF, Record<string, number>>;

async function insertRow(db: Kysely<Database>, table: string, row: Record<string, unknown>, geometry: PlacedGeometry | null) {
  const columns = Object.keys(row).map((column) => sql.id(column));
  const values = Object.values(row).map((value) => sql`${value}`);
  if (geometry) {
    columns.push(sql.id('geom'));
    values.push(storedGeometry(geometry));
  }
  const returning = 'code' in row && table !== 'villages' ? sql`RETURNING id` : sql``;
  const result = await sql<{ id: number }>`
    INSERT INTO ${sql.table(table)} (${sql.join(columns)}) VALUES (${sql.join(values)}) ${returning}`.execute(db);
  return result.rows[0]?.id;
}

/** Codes of earlier records replaced by their ids, as the seed loader does (`passage_code` → `passage_id`). */
function withReferences(spec: GeodataFile, properties: Record<string, unknown>, ids: Map<TownTable, Record<string, number>>) {
  const row = { ...properties };
  for (const { property, column, table } of spec.references) {
    const code = row[property];
    delete row[property];
    const id = code === null || code === undefined ? null : ids.get(table)?.[String(code)];
    if (id === undefined) throw new Error(`${spec.file}: ${property} "${String(code)}" is not in the town`);
    row[column] = id;
  }
  return row;
}

/**
 * Writes the town straight into the tables, one row at a time in the order described (so ids follow it),
 * each record checked against its geodata schema. Unlike seeding, it leaves the audit log empty.
 */
export async function insertTown(db: Kysely<Database>, town: TestTown): Promise<TownIds> {
  const ids = new Map<TownTable, Record<string, number>>();
  for (const spec of GEODATA_FILES) {
    const idsByCode: Record<string, number> = {};
    ids.set(spec.table, idsByCode);
    for (const record of town.records[spec.table]) {
      const row = withReferences(spec, spec.properties.strict().parse(record.properties), ids);
      const children = spec.children ? (row[spec.children.property] as Record<string, unknown>[]) : [];
      if (spec.children) delete row[spec.children.property];
      const id = await insertRow(db, spec.table, row, record.geometry);
      if (id !== undefined) idsByCode[String(row.code)] = id;
      for (const child of children) await insertRow(db, spec.children!.table, { ...child, [spec.children!.parentColumn]: id }, null);
    }
  }
  return Object.fromEntries(Object.entries(TABLE_OF).map(([kind, table]) => [kind, ids.get(table)])) as TownIds;
}

/** id → code of one kind of record, to name records in failure messages. */
export function codesOf(ids: Record<string, number>): (id: unknown) => string {
  const byId = new Map(Object.entries(ids).map(([code, id]) => [id, code]));
  return (id) => byId.get(id as number) ?? `#${String(id)}`;
}
