import { type RawBuilder, sql } from 'kysely';
import type { LayerName } from '../../lib/map/layer-names';
import type { QueryableType } from '../../lib/ogc/collections';
import type { FilterNode, FilterOperand } from '../../lib/ogc/filter';
import type { Db } from '../schema';
import { filtered, type LayerContext } from './layers';
import { singleRow } from './rows';

/** A CRS as SQL needs it: its SRID and whether its first axis is north (coordinates swapped from x/y). */
export interface SqlCrs {
  srid: number;
  northFirst: boolean;
}

/** What selects features: the layer within the villages, and the OGC API's bbox, datetime and filter. */
export interface FeatureSelection {
  layer: LayerName;
  villages: string[];
  context: LayerContext;
  /** minX, minY, maxX, maxY in the bbox's own CRS, x first. */
  bbox?: { box: [number, number, number, number]; crs: SqlCrs };
  datetime?: { column: string; from?: string; to?: string };
  filter?: FilterNode;
}

export interface FeaturePageRequest extends FeatureSelection {
  idType: 'integer' | 'string';
  /** Keyset pagination: features with an id after this one, in id order. */
  after?: number | string;
  limit: number;
  output: SqlCrs & { decimals: number };
  /** The properties each feature carries, in this order. */
  properties: readonly string[];
}

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);

const CASTS: Record<QueryableType, string> = { string: 'text', integer: 'float8', number: 'float8', boolean: 'boolean', date: 'date' };

function operandSql(operand: FilterOperand): RawBuilder<unknown> {
  if (operand.kind === 'column') return sql`f.${sql.ref(operand.name)}`;
  return sql`${operand.value}::${sql.raw(CASTS[operand.type])}`;
}

/** A geometry given in `crs` (GeoJSON coordinates in that CRS's axis order) as EPSG:4326, made valid. */
function geometryIn4326(geojson: string, crs: SqlCrs): RawBuilder<unknown> {
  let geometry = sql`ST_SetSRID(ST_GeomFromGeoJSON(${geojson}::text), ${crs.srid}::int)`;
  if (crs.northFirst) geometry = sql`ST_FlipCoordinates(${geometry})`;
  if (crs.srid !== 4326) geometry = sql`ST_Transform(${geometry}, 4326)`;
  return sql`ST_MakeValid(${geometry})`;
}

/** A checked filter as parameterised SQL over the layer's row `f`: every value a parameter, every name a queryable. */
export function filterSql(node: FilterNode): RawBuilder<unknown> {
  switch (node.op) {
    case 'and':
    case 'or':
      return sql`(${sql.join(node.args.map(filterSql), node.op === 'and' ? sql` AND ` : sql` OR `)})`;
    case 'not':
      return sql`(NOT ${filterSql(node.arg)})`;
    case 'compare':
      if (!COMPARISONS.has(node.operator)) throw new Error(`not a comparison: ${node.operator}`);
      return sql`(${operandSql(node.left)} ${sql.raw(node.operator)} ${operandSql(node.right)})`;
    case 'like':
      return sql`(${operandSql(node.value)} ${sql.raw(node.negated ? 'NOT LIKE' : 'LIKE')} ${node.pattern}::text)`;
    case 'in':
      return sql`(${operandSql(node.value)} ${sql.raw(node.negated ? 'NOT IN' : 'IN')} (${sql.join(node.list.map(operandSql))}))`;
    case 'between':
      return sql`(${operandSql(node.value)} ${sql.raw(node.negated ? 'NOT BETWEEN' : 'BETWEEN')} ${operandSql(node.low)} AND ${operandSql(node.high)})`;
    case 'isNull':
      return sql`(${operandSql(node.value)} ${sql.raw(node.negated ? 'IS NOT NULL' : 'IS NULL')})`;
    case 'intersects':
      return sql`ST_Intersects(f.geom, ${geometryIn4326(node.geojson, node)})`;
  }
}

function conditions(selection: FeatureSelection): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (selection.bbox) {
    const [minX, minY, maxX, maxY] = selection.bbox.box;
    let envelope = sql`ST_MakeEnvelope(${minX}::float8, ${minY}::float8, ${maxX}::float8, ${maxY}::float8, ${selection.bbox.crs.srid}::int)`;
    if (selection.bbox.crs.srid !== 4326) envelope = sql`ST_Transform(ST_Segmentize(${envelope}, ${(maxX - minX) / 16}::float8), 4326)`;
    parts.push(sql`ST_Intersects(f.geom, ${envelope})`);
  }
  const { datetime } = selection;
  if (datetime?.from) parts.push(sql`f.${sql.ref(datetime.column)} >= ${datetime.from}::date`);
  if (datetime?.to) parts.push(sql`f.${sql.ref(datetime.column)} <= ${datetime.to}::date`);
  if (selection.filter) parts.push(filterSql(selection.filter));
  return sql.join(parts, sql` AND `);
}

const source = (selection: FeatureSelection) => sql`(${filtered(selection.layer, { villages: selection.villages }, selection.context)})`;

/** How many features match, whatever the page. */
export async function countFeatures(db: Db, selection: FeatureSelection): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${source(selection)} f WHERE ${conditions(selection)}`.execute(db);
  return singleRow(result).n;
}

function geometryOut(output: FeaturePageRequest['output']): RawBuilder<unknown> {
  let geometry = sql`p.geom`;
  if (output.srid !== 4326) geometry = sql`ST_Transform(${geometry}, ${output.srid}::int)`;
  if (output.northFirst) geometry = sql`ST_FlipCoordinates(${geometry})`;
  return sql`ST_AsGeoJSON(${geometry}, ${output.decimals}::int)::json`;
}

/**
 * One page of features in id order after `after` (keyset: the index on id does the skipping, so the last page
 * costs what the first does). Asks for one more than the limit to know whether another page follows.
 */
export async function featurePage(
  db: Db,
  request: FeaturePageRequest,
): Promise<{ features: string[]; lastId: string | null; more: boolean }> {
  const after =
    request.after === undefined ? sql`true` : sql`f.id > ${request.after}::${sql.raw(request.idType === 'integer' ? 'int' : 'text')}`;
  const properties = request.properties.length
    ? sql`json_build_object(${sql.join(request.properties.map((name) => sql`${name}::text, p.${sql.ref(name)}`))})`
    : sql`'{}'::json`;
  const result = await sql<{ id: string; feature: string }>`
    SELECT p.id::text AS id,
      json_build_object('type', 'Feature', 'id', p.id, 'geometry', ${geometryOut(request.output)}, 'properties', ${properties})::text AS feature
    FROM (
      SELECT f.* FROM ${source(request)} f WHERE ${conditions(request)} AND ${after} ORDER BY f.id LIMIT ${request.limit + 1}::int
    ) p
    ORDER BY p.id`.execute(db);
  const rows = result.rows.slice(0, request.limit);
  return { features: rows.map((row) => row.feature), lastId: rows.at(-1)?.id ?? null, more: result.rows.length > request.limit };
}

/** One feature by id within the villages, or null. */
export async function featureById(
  db: Db,
  request: Omit<FeaturePageRequest, 'limit' | 'after' | 'bbox' | 'datetime' | 'filter'> & { id: number | string },
): Promise<string | null> {
  const properties = sql`json_build_object(${sql.join(request.properties.map((name) => sql`${name}::text, p.${sql.ref(name)}`))})`;
  const result = await sql<{ feature: string }>`
    SELECT json_build_object('type', 'Feature', 'id', p.id, 'geometry', ${geometryOut(request.output)}, 'properties', ${properties})::text AS feature
    FROM (SELECT f.* FROM ${source(request)} f WHERE f.id = ${request.id}::${sql.raw(request.idType === 'integer' ? 'int' : 'text')}) p`.execute(
    db,
  );
  return result.rows[0]?.feature ?? null;
}

/** A layer's extent within the villages (lon/lat) and, for a dated layer, its first and last date. */
export async function layerExtent(
  db: Db,
  selection: Pick<FeatureSelection, 'layer' | 'villages' | 'context'>,
  dateColumn: string | undefined,
): Promise<{ bbox: [number, number, number, number] | null; from: string | null; to: string | null }> {
  const dates = dateColumn ? sql`min(f.${sql.ref(dateColumn)})::text, max(f.${sql.ref(dateColumn)})::text` : sql`NULL::text, NULL::text`;
  const result = await sql<{ west: number | null; south: number; east: number; north: number; dates: (string | null)[] }>`
    SELECT ST_XMin(x.b) AS west, ST_YMin(x.b) AS south, ST_XMax(x.b) AS east, ST_YMax(x.b) AS north, x.d AS dates FROM (
      SELECT ST_Extent(f.geom) AS b, ARRAY[${dates}] AS d FROM ${source(selection)} f
    ) x`.execute(db);
  const row = singleRow(result);
  const [from = null, to = null] = row.dates;
  return { bbox: row.west === null ? null : [row.west, row.south, row.east, row.north], from, to };
}
