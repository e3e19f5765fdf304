import { type RawBuilder, sql } from 'kysely';
import { BASE_LAYER_SPECS, type BaseField, type BaseLayer } from '../../lib/domain/base-fields';
import type { Db } from '../schema';
import { filtered, type LayerContext, type LayerFilter } from './layers';

/** A stored value as JSON gives it: text, number, boolean, a date as YYYY-MM-DD, an array of months, or null. */
export type StoredValue = string | number | boolean | number[] | null;

/** One current feature of a base layer: its fields by column (references as the other feature's code) and geometry. */
export interface StoredFeature {
  properties: Record<string, StoredValue>;
  geometry: GeoJSON.Geometry;
}

/** A reference as the code of the feature it names (a village's id is its code already), as the edits read it. */
function readField(field: BaseField): RawBuilder<unknown> {
  const target = field.references && BASE_LAYER_SPECS[field.references];
  if (!target || target.idColumn === 'code') return sql`t.${sql.ref(field.column)}`;
  return sql`(SELECT x.code FROM ${sql.table(`${target.table}_all`)} x WHERE x.id = t.${sql.ref(field.column)})`;
}

/**
 * The features of a base layer an export writes: the map's own filter (`filtered`: bbox and village scope) picks
 * the rows, the layer's current table gives every field of its spec. Coordinates with 9 decimals (≈ 0.1 mm), so a
 * file is as precise as the database for any GIS use. Ordered by the layer's id, so two exports compare line by line.
 */
export async function layerExportFeatures(db: Db, layer: BaseLayer, filter: LayerFilter, context: LayerContext): Promise<StoredFeature[]> {
  const spec = BASE_LAYER_SPECS[layer];
  const fields = sql.join(spec.fields.map((field) => sql`${sql.lit(field.column)}::text, ${readField(field)}`));
  const id = sql.ref(`t.${spec.idColumn}`);
  const result = await sql<StoredFeature>`
    SELECT json_build_object(${fields}) AS properties, ST_AsGeoJSON(t.geom, 9)::json AS geometry
    FROM (${filtered(layer, filter, context)}) f
    JOIN ${sql.table(spec.table)} t ON ${id} = f.id
    ORDER BY ${id}`.execute(db);
  return result.rows;
}
