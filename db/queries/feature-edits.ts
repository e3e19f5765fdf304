import { type RawBuilder, sql } from 'kysely';
import { BASE_LAYER_SPECS, type BaseField, type BaseLayerSpec } from '../../lib/domain/base-fields';
import type { Db } from '../schema';

/**
 * Reading and writing one base feature for the data-maintenance edits: its current values (references by the
 * other feature's code, as people and files name them), the change and the retirement. The version is raised by
 * the database on every update.
 */

export type FeatureValues = Record<string, unknown>;

export interface CurrentFeature {
  version: number;
  /** The village the feature belongs to (an obstacle's is its passage's), for scope checks and the audit. */
  village_code: string | null;
  properties: FeatureValues;
  geometry: GeoJSON.Geometry;
}

const stored = (spec: BaseLayerSpec) => sql.table(`${spec.table}_all`);

/** A field of the stored row `t`; a reference as the code of the feature it names (a village's id is its code already). */
export function readField(field: BaseField): RawBuilder<unknown> {
  const target = field.references && BASE_LAYER_SPECS[field.references];
  if (!target || target.idColumn === 'code') return sql`t.${sql.ref(field.column)}`;
  return sql`(SELECT r.code FROM ${stored(target)} r WHERE r.id = t.${sql.ref(field.column)})`;
}

function villageOf(spec: BaseLayerSpec): RawBuilder<unknown> {
  if (spec.layer === 'villages') return sql`t.code`;
  if (spec.layer === 'obstacles') return sql`(SELECT p.village_code FROM passages_all p WHERE p.id = t.passage_id)`;
  return sql`t.village_code`;
}

/** The current (not retired) feature, locked for the change when `lock` is set; undefined when there is none. */
export async function currentFeature(db: Db, spec: BaseLayerSpec, id: string | number, lock = false): Promise<CurrentFeature | undefined> {
  const fields = sql.join(spec.fields.map((field) => sql`${sql.lit(field.column)}::text, ${readField(field)}`));
  const result = await sql<CurrentFeature>`
    SELECT t.version, ${villageOf(spec)} AS village_code, json_build_object(${fields}) AS properties,
      ST_AsGeoJSON(t.geom, 7)::json AS geometry
    FROM ${stored(spec)} t
    WHERE t.${sql.ref(spec.idColumn)} = ${id} AND t.retired_at IS NULL
    ${lock ? sql`FOR UPDATE OF t` : sql``}`.execute(db);
  return result.rows[0];
}

/** A stored feature (current or retired) with its values as people and files give them, for an import's diff. */
export interface LayerFeature {
  id: string;
  version: number;
  retired: boolean;
  properties: FeatureValues;
}

/** Every stored feature of a layer, retired ones too (an import may bring one back by its code). */
export async function layerFeatures(db: Db, spec: BaseLayerSpec): Promise<LayerFeature[]> {
  const fields = sql.join(spec.fields.map((field) => sql`${sql.lit(field.column)}::text, ${readField(field)}`));
  const result = await sql<LayerFeature>`
    SELECT t.${sql.ref(spec.idColumn)}::text AS id, t.version, t.retired_at IS NOT NULL AS retired,
      json_build_object(${fields}) AS properties
    FROM ${stored(spec)} t`.execute(db);
  return result.rows;
}

/** The ids of the current features of a layer with these codes (code → id); codes without one are left out. */
export async function featureIdsByCode(db: Db, spec: BaseLayerSpec, codes: readonly string[]): Promise<Map<string, string | number>> {
  if (codes.length === 0) return new Map();
  const result = await sql<{ code: string; id: string | number }>`
    SELECT code, ${sql.ref(spec.idColumn)} AS id FROM ${stored(spec)}
    WHERE code = ANY(${[...codes]}::text[]) AND retired_at IS NULL`.execute(db);
  return new Map(result.rows.map((row) => [row.code, row.id]));
}

/** The id of the current feature of a layer with this code, or undefined. */
export async function featureIdByCode(db: Db, spec: BaseLayerSpec, code: string): Promise<string | number | undefined> {
  const result = await sql<{ id: string | number }>`
    SELECT ${sql.ref(spec.idColumn)} AS id FROM ${stored(spec)} WHERE code = ${code} AND retired_at IS NULL`.execute(db);
  return result.rows[0]?.id;
}

/** What PostGIS says of a geometry: its validity problem (null when valid) and how far it lies from the town. */
export async function geometryPlace(db: Db, geometry: GeoJSON.Geometry): Promise<{ reason: string | null; distance_m: number }> {
  const result = await sql<{ reason: string | null; distance_m: number }>`
    SELECT CASE WHEN ST_IsValid(g) THEN NULL ELSE ST_IsValidReason(g) END AS reason,
      CASE WHEN ST_IsValid(g) THEN
        (SELECT min(ST_Distance(ST_Transform(v.geom, 4546), ST_Transform(g, 4546))) FROM villages v)
      END::float8 AS distance_m
    FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326) AS g) s`.execute(db);
  const [row] = result.rows;
  if (!row) throw new Error('the geometry check returned no row');
  return row;
}

/** Writes the given stored values (references already as ids) and geometry; returns the new version. */
export async function updateFeature(
  db: Db,
  spec: BaseLayerSpec,
  id: string | number,
  values: FeatureValues,
  geometry: GeoJSON.Geometry | undefined,
): Promise<number> {
  const sets = Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  if (geometry) sets.push(sql`geom = ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`);
  // An update without changes still raises the version: the edit was made on this one.
  if (sets.length === 0) sets.push(sql`version = version`);
  const result = await sql<{ version: number }>`
    UPDATE ${stored(spec)} SET ${sql.join(sets)} WHERE ${sql.ref(spec.idColumn)} = ${id} RETURNING version`.execute(db);
  const [row] = result.rows;
  if (!row) throw new Error(`${spec.layer} ${id} vanished while it was locked`);
  return row.version;
}

/**
 * The current passage end nearest to a point within `withinM` metres (other than the passage `exclude`), exactly
 * as stored: the network joins passages only where their ends are identical.
 */
export async function nearestPassageEnd(
  db: Db,
  [lon, lat]: [number, number],
  withinM: number,
  exclude: number | null,
): Promise<[number, number] | null> {
  const result = await sql<{ x: number; y: number }>`
    WITH here AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 4546) AS g)
    SELECT ST_X(e.pt)::float8 AS x, ST_Y(e.pt)::float8 AS y
    FROM passages p CROSS JOIN LATERAL (VALUES (ST_StartPoint(p.geom)), (ST_EndPoint(p.geom))) e(pt), here
    WHERE p.id IS DISTINCT FROM ${exclude}::int AND ST_DWithin(ST_Transform(e.pt, 4546), here.g, ${withinM})
    ORDER BY ST_Distance(ST_Transform(e.pt, 4546), here.g), p.id
    LIMIT 1`.execute(db);
  const [row] = result.rows;
  return row ? [Number(row.x), Number(row.y)] : null;
}

/** Whether any feature of the layer, current or retired, has this code (codes stay unique across retirement). */
export async function codeTaken(db: Db, spec: BaseLayerSpec, code: string): Promise<boolean> {
  const result = await sql<{ taken: boolean }>`SELECT EXISTS (SELECT 1 FROM ${stored(spec)} WHERE code = ${code}) AS taken`.execute(db);
  return result.rows[0]?.taken === true;
}

/** Adds a feature with the given stored values (references already as ids); returns its id. */
export async function insertFeature(
  db: Db,
  spec: BaseLayerSpec,
  values: FeatureValues,
  geometry: GeoJSON.Geometry,
): Promise<string | number> {
  const columns = Object.keys(values);
  const result = await sql<{ id: string | number }>`
    INSERT INTO ${stored(spec)} (${sql.join([...columns.map((column) => sql.ref(column)), sql.ref('geom')])})
    VALUES (${sql.join([...columns.map((column) => sql`${values[column]}`), sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`])})
    RETURNING ${sql.ref(spec.idColumn)} AS id`.execute(db);
  const [row] = result.rows;
  if (!row) throw new Error(`inserting a ${spec.layer} feature returned no row`);
  return row.id;
}

/** Retires the feature: hidden from the current town, kept for the history that links to it. */
export async function retireFeature(db: Db, spec: BaseLayerSpec, id: string | number): Promise<void> {
  await sql`UPDATE ${stored(spec)} SET retired_at = now() WHERE ${sql.ref(spec.idColumn)} = ${id}`.execute(db);
}
