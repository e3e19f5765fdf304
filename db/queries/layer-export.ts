import { sql } from 'kysely';
import { BASE_LAYER_SPECS, type BaseLayer } from '../../lib/domain/base-fields';
import type { Db } from '../schema';
import { readField } from './feature-edits';
import { filtered, type LayerContext, type LayerFilter } from './layers';

/** A stored value as JSON gives it: text, number, boolean, a date as YYYY-MM-DD, an array of months, or null. */
export type StoredValue = string | number | boolean | number[] | null;

/** One current feature of a base layer: its fields by column (references as the other feature's code) and geometry. */
export interface StoredFeature {
  properties: Record<string, StoredValue>;
  geometry: GeoJSON.Geometry;
}

/**
 * The features of a base layer an export writes: the map's own filter (`filtered`: bbox and village scope) picks
 * the rows, the layer's current table (`t`) gives every field of its spec, read as the edits read them.
 * Coordinates with 9 decimals (about 0.1 mm), as precise as any GIS use needs. Ordered by the layer's id, so two
 * exports compare line by line.
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
