import { type RawBuilder, sql } from 'kysely';
import type { BaseLayerSpec } from '../../lib/domain/base-fields';
import type { Db } from '../schema';

/**
 * The SQL of base-layer imports: batches, their staged features (already in EPSG:4326), what PostGIS says of each
 * staged geometry, and the writes of a commit and its rollback. Every write of a commit first keeps the whole
 * row as it was (`import_changes`), so a rollback puts back exactly that.
 */

export type BatchStatus = 'preview' | 'applied' | 'rolled_back' | 'discarded';
export type FeatureMatch = 'new' | 'changed' | 'unchanged' | 'invalid' | 'missing';

export interface BatchRow {
  id: number;
  layer: string;
  status: BatchStatus;
  file_name: string;
  file_sha256: string;
  crs: string;
  crs_guessed: boolean;
  encoding: string | null;
  key_field: string;
  mapping: Record<string, string | null>;
  summary: Record<string, number>;
  report: Record<string, unknown>;
  created_by: number;
  created_by_name: string | null;
  created_at: string;
  applied_at: string | null;
  rolled_back_at: string | null;
}

export interface NewBatch {
  layer: string;
  fileName: string;
  fileSha256: string;
  crs: string;
  crsGuessed: boolean;
  encoding: string | null;
  keyField: string;
  mapping: Record<string, string | null>;
  createdBy: number;
}

const stored = (spec: BaseLayerSpec) => sql.table(`${spec.table}_all`);
const idText = (spec: BaseLayerSpec, alias: string) => sql`${sql.ref(`${alias}.${spec.idColumn}`)}::text`;

export async function insertBatch(db: Db, batch: NewBatch): Promise<number> {
  const result = await sql<{ id: number }>`
    INSERT INTO import_batches (layer, file_name, file_sha256, crs, crs_guessed, encoding, key_field, mapping, summary, report, created_by)
    VALUES (${batch.layer}, ${batch.fileName}, ${batch.fileSha256}, ${batch.crs}, ${batch.crsGuessed}, ${batch.encoding},
      ${batch.keyField}, ${JSON.stringify(batch.mapping)}::jsonb, '{}'::jsonb, '{}'::jsonb, ${batch.createdBy})
    RETURNING id`.execute(db);
  const [row] = result.rows;
  if (!row) throw new Error('the batch insert returned no row');
  return row.id;
}

export async function updateBatchReport(db: Db, id: number, summary: unknown, report: unknown): Promise<void> {
  await sql`UPDATE import_batches SET summary = ${JSON.stringify(summary)}::jsonb, report = ${JSON.stringify(report)}::jsonb
    WHERE id = ${id}`.execute(db);
}

const batchColumns = sql`b.id, b.layer, b.status, b.file_name, b.file_sha256, b.crs, b.crs_guessed, b.encoding, b.key_field,
  b.mapping, b.summary, b.report, b.created_by, u.display_name AS created_by_name, b.created_at, b.applied_at, b.rolled_back_at`;

export async function batchById(db: Db, id: number, lock = false): Promise<BatchRow | undefined> {
  const result = await sql<BatchRow>`
    SELECT ${batchColumns} FROM import_batches b LEFT JOIN users u ON u.id = b.created_by
    WHERE b.id = ${id} ${lock ? sql`FOR UPDATE OF b` : sql``}`.execute(db);
  return result.rows[0];
}

/** The history, newest first. */
export async function listBatches(db: Db, limit: number): Promise<BatchRow[]> {
  const result = await sql<BatchRow>`
    SELECT ${batchColumns} FROM import_batches b LEFT JOIN users u ON u.id = b.created_by
    ORDER BY b.id DESC LIMIT ${limit}`.execute(db);
  return result.rows;
}

export async function setBatchStatus(db: Db, id: number, status: BatchStatus, summary?: unknown): Promise<void> {
  const stamp = status === 'applied' ? sql`, applied_at = now()` : status === 'rolled_back' ? sql`, rolled_back_at = now()` : sql``;
  const newSummary = summary === undefined ? sql`` : sql`, summary = ${JSON.stringify(summary)}::jsonb`;
  await sql`UPDATE import_batches SET status = ${status} ${stamp} ${newSummary} WHERE id = ${id}`.execute(db);
}

/** Forgets a preview's staged features (a discarded batch keeps its row and report in the history). */
export async function dropStaged(db: Db, batchId: number): Promise<void> {
  await sql`DELETE FROM import_features WHERE batch_id = ${batchId}`.execute(db);
}

/** A feature of the file, in the file's coordinates with their SRID (4326 after a GCJ-02/BD-09 conversion). */
export interface StagedInput {
  index: number;
  geometry: GeoJSON.Geometry | null;
  properties: Record<string, unknown>;
  storedValues: Record<string, unknown>;
  featureId: string | null;
  featureVersion: number | null;
}

/** Stages a file's features, transformed to EPSG:4326 by PostGIS, 500 at a time. */
export async function stageFeatures(db: Db, batchId: number, srid: number, features: StagedInput[]): Promise<void> {
  for (let start = 0; start < features.length; start += 500) {
    const rows = features.slice(start, start + 500).map((feature) => ({
      index: feature.index,
      geometry: feature.geometry ? JSON.stringify(feature.geometry) : null,
      properties: feature.properties,
      stored_values: feature.storedValues,
      feature_id: feature.featureId,
      feature_version: feature.featureVersion,
    }));
    await sql`
      INSERT INTO import_features (batch_id, index, geom, properties, stored_values, match, feature_id, feature_version)
      SELECT ${batchId}, r.index,
        CASE WHEN r.geometry IS NOT NULL THEN
          ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), ${srid})), 4326) END,
        r.properties, r.stored_values, 'invalid', r.feature_id, r.feature_version
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r(index integer, geometry text, properties jsonb, stored_values jsonb, feature_id text, feature_version integer)`.execute(db);
  }
}

/** What PostGIS says of one staged feature. Areas and distances in metres (EPSG:4546). */
export interface StagedCheck {
  index: number;
  geometry_type: string | null;
  lon_lat_ok: boolean | null;
  reason: string | null;
  area_m2: number | null;
  repaired_area_m2: number | null;
  /** The repair kept the layer's geometry type (one part for single-part layers). */
  repair_usable: boolean | null;
  town_distance_m: number | null;
  village_distance_m: number | null;
  geometry_equal: boolean | null;
}

/**
 * Checks every staged geometry: validity (and a repair by ST_MakeValid, kept in `repaired_geom`, whose type must
 * still be the layer's), distance from the town's villages and from the village it names, and whether it equals
 * the matched stored feature's within 1 cm.
 */
export async function checkStaged(db: Db, spec: BaseLayerSpec, batchId: number): Promise<StagedCheck[]> {
  const singlePolygon = spec.geometry === 'Polygon';
  const repaired: RawBuilder<unknown> =
    spec.geometry === 'Polygon' || spec.geometry === 'MultiPolygon'
      ? sql`ST_CollectionExtract(ST_MakeValid(f.geom), 3)`
      : sql`ST_MakeValid(f.geom)`;
  await sql`UPDATE import_features f SET repaired_geom = CASE
      WHEN ${singlePolygon} AND ST_NumGeometries(r.g) = 1 THEN ST_GeometryN(r.g, 1)
      WHEN ${spec.geometry === 'MultiPolygon'} THEN ST_Multi(r.g) ELSE r.g END
    FROM (SELECT id, ${repaired} AS g FROM import_features f
      WHERE batch_id = ${batchId} AND geom IS NOT NULL AND NOT ST_IsValid(geom)) r
    WHERE f.id = r.id`.execute(db);
  const villageOf =
    spec.layer === 'villages' || !spec.fields.some((field) => field.column === 'village_code')
      ? sql`NULL::float8`
      : sql`(SELECT CASE WHEN ST_Intersects(v.geom, f.geom) THEN 0
            ELSE ST_Distance(ST_Transform(v.geom, 4546), ST_Transform(f.geom, 4546)) END
          FROM villages v WHERE v.code = f.stored_values->>'village_code')`;
  // Most features lie in a village (found by the index); only the others are measured, against the villages near
  // them first (0.0023° is over 200 m, the margin the report needs, in both directions here) and all of them last.
  const townDistance = sql`CASE WHEN EXISTS (SELECT 1 FROM villages v WHERE ST_Intersects(v.geom, f.geom)) THEN 0 ELSE COALESCE(
      (SELECT min(ST_Distance(ST_Transform(v.geom, 4546), ST_Transform(f.geom, 4546))) FROM villages v
        WHERE ST_DWithin(v.geom, f.geom, 0.0023)),
      (SELECT min(ST_Distance(ST_Transform(v.geom, 4546), ST_Transform(f.geom, 4546))) FROM villages v)) END`;
  const result = await sql<StagedCheck>`
    SELECT f.index, GeometryType(f.geom) AS geometry_type,
      (ST_XMin(f.geom) >= -180 AND ST_XMax(f.geom) <= 180 AND ST_YMin(f.geom) >= -90 AND ST_YMax(f.geom) <= 90) AS lon_lat_ok,
      CASE WHEN NOT ST_IsValid(f.geom) THEN ST_IsValidReason(f.geom) END AS reason,
      CASE WHEN ST_Dimension(f.geom) = 2 THEN ST_Area(ST_Transform(f.geom, 4546)) END::float8 AS area_m2,
      CASE WHEN f.repaired_geom IS NOT NULL THEN ST_Area(ST_Transform(f.repaired_geom, 4546)) END::float8 AS repaired_area_m2,
      CASE WHEN f.repaired_geom IS NOT NULL THEN
        NOT ST_IsEmpty(f.repaired_geom) AND GeometryType(f.repaired_geom) = ${spec.geometry.toUpperCase()} END AS repair_usable,
      CASE WHEN ST_IsValid(f.geom) AND ${spec.layer !== 'villages'} THEN ${townDistance} END::float8 AS town_distance_m,
      CASE WHEN ST_IsValid(f.geom) THEN ${villageOf} END::float8 AS village_distance_m,
      CASE WHEN t.geom IS NOT NULL AND ST_IsValid(f.geom) THEN
        ST_Equals(t.geom, f.geom) OR ST_HausdorffDistance(ST_Transform(t.geom, 4546), ST_Transform(f.geom, 4546)) < 0.01
      END AS geometry_equal
    FROM import_features f
    LEFT JOIN ${stored(spec)} t ON ${idText(spec, 't')} = f.feature_id AND t.retired_at IS NULL
    WHERE f.batch_id = ${batchId} AND f.match <> 'missing' AND f.geom IS NOT NULL
    ORDER BY f.index`.execute(db);
  return result.rows;
}

export interface StagedDecision {
  index: number;
  match: FeatureMatch;
  diff: 'new' | 'changed' | 'unchanged' | null;
  changed_fields: string[];
  errors: unknown[];
}

export async function recordDecisions(db: Db, batchId: number, decisions: StagedDecision[]): Promise<void> {
  for (let start = 0; start < decisions.length; start += 1000) {
    const rows = decisions.slice(start, start + 1000);
    await sql`UPDATE import_features f SET match = r.match, diff = r.diff, changed_fields = r.changed_fields, errors = r.errors
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r(index integer, match text, diff text, changed_fields text[], errors jsonb)
      WHERE f.batch_id = ${batchId} AND f.index = r.index`.execute(db);
  }
}

/** Stages the stored features the file does not list (a commit may retire them), with their current geometry. */
export async function stageMissing(db: Db, spec: BaseLayerSpec, batchId: number, featureIds: string[]): Promise<void> {
  if (featureIds.length === 0) return;
  await sql`
    INSERT INTO import_features (batch_id, geom, properties, match, feature_id, feature_version)
    SELECT ${batchId}, t.geom, jsonb_build_object('code', t.code), 'missing', ${idText(spec, 't')}, t.version
    FROM ${stored(spec)} t
    WHERE t.retired_at IS NULL AND ${idText(spec, 't')} = ANY(${featureIds}::text[])`.execute(db);
}

export interface StagedFeatureRow {
  index: number | null;
  geometry: GeoJSON.Geometry | null;
  properties: Record<string, unknown>;
  match: FeatureMatch;
  changed_fields: string[];
  feature_id: string | null;
  errors: unknown[];
}

export async function stagedFeatures(db: Db, batchId: number): Promise<StagedFeatureRow[]> {
  const result = await sql<StagedFeatureRow>`
    SELECT index, ST_AsGeoJSON(geom, 7)::json AS geometry, properties, match, changed_fields, feature_id, errors
    FROM import_features WHERE batch_id = ${batchId} ORDER BY index NULLS LAST, id`.execute(db);
  return result.rows;
}

/** Matched staged features whose stored row changed (or was retired) since the preview. */
export async function staleStaged(db: Db, spec: BaseLayerSpec, batchId: number): Promise<string[]> {
  const result = await sql<{ code: string }>`
    SELECT f.properties->>'code' AS code FROM import_features f
    LEFT JOIN ${stored(spec)} t ON ${idText(spec, 't')} = f.feature_id
    WHERE f.batch_id = ${batchId} AND f.feature_id IS NOT NULL
      AND (t.version IS DISTINCT FROM f.feature_version
        OR (t.retired_at IS NULL) IS DISTINCT FROM (f.match <> 'new' AND f.diff IS DISTINCT FROM 'new'))`.execute(db);
  return result.rows.map((row) => row.code);
}

/** The columns a rollback puts back: every stored column but the id, the version and the generated ones. */
async function restorableColumns(db: Db, spec: BaseLayerSpec): Promise<string[]> {
  const result = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${`${spec.table}_all`} AND is_generated = 'NEVER'
      AND column_name NOT IN (${spec.idColumn}, 'version')
    ORDER BY ordinal_position`.execute(db);
  return result.rows.map((row) => row.column_name);
}

export interface CommitPlan {
  batchId: number;
  /** Repaired geometries replace the invalid ones. */
  repair: boolean;
  retireMissing: boolean;
}

/** The geometry a commit writes for a staged feature. */
const geometryOf = (plan: CommitPlan) => (plan.repair ? sql`coalesce(f.repaired_geom, f.geom)` : sql`f.geom`);

/** Keeps the whole row of every stored feature the commit is about to change, reactivate or retire. */
async function keepBefore(db: Db, spec: BaseLayerSpec, plan: CommitPlan): Promise<void> {
  await sql`
    INSERT INTO import_changes (batch_id, feature_id, action, before, version_after)
    SELECT ${plan.batchId}, f.feature_id, CASE WHEN f.match = 'missing' THEN 'retire' ELSE 'update' END, to_jsonb(t), 0
    FROM import_features f JOIN ${stored(spec)} t ON ${idText(spec, 't')} = f.feature_id
    WHERE f.batch_id = ${plan.batchId}
      AND (f.diff IN ('changed', 'new') OR (f.match = 'missing' AND ${plan.retireMissing}))`.execute(db);
}

/** Applies a previewed batch whose features are all writable. Returns the counts written. */
export async function applyBatch(
  db: Db,
  spec: BaseLayerSpec,
  plan: CommitPlan,
): Promise<{ inserted: number; updated: number; retired: number }> {
  await keepBefore(db, spec, plan);
  const table = stored(spec);
  const record = sql`jsonb_populate_record(NULL::${table}, f.stored_values)`;
  // New features: one INSERT per set of given columns (an empty cell takes the column's default).
  const newGroups = await sql<{ keys: string[]; ids: number[] }>`
    SELECT k.keys, array_agg(f.id) AS ids FROM import_features f,
      LATERAL (SELECT coalesce(array_agg(key ORDER BY key), '{}') AS keys FROM jsonb_object_keys(f.stored_values) key) k
    WHERE f.batch_id = ${plan.batchId} AND f.diff = 'new' AND f.feature_id IS NULL GROUP BY k.keys`.execute(db);
  let inserted = 0;
  for (const group of newGroups.rows) {
    const columns = group.keys.map((key) => sql.ref(key));
    const rows = await sql<{ id: string; version: number }>`
      INSERT INTO ${table} (${sql.join([...columns, sql.ref('geom')])})
      SELECT ${sql.join([...group.keys.map((key) => sql.ref(`r.${key}`)), geometryOf(plan)])}
      FROM import_features f, LATERAL ${record} r WHERE f.id = ANY(${group.ids}::int[])
      RETURNING ${sql.ref(spec.idColumn)}::text AS id, version`.execute(db);
    inserted += rows.rows.length;
    await sql`INSERT INTO import_changes (batch_id, feature_id, action, before, version_after)
      SELECT ${plan.batchId}, r.id, 'insert', NULL, r.version
      FROM jsonb_to_recordset(${JSON.stringify(rows.rows)}::jsonb) AS r(id text, version integer)`.execute(db);
  }
  // Changed features: only their changed fields; a new one whose code a retired row holds brings that row back.
  const updateGroups = await sql<{ fields: string[]; revive: boolean; ids: number[] }>`
    SELECT CASE WHEN f.diff = 'new' THEN k.keys || '{geometry}'::text[] ELSE f.changed_fields END AS fields,
      f.diff = 'new' AS revive, array_agg(f.id) AS ids
    FROM import_features f,
      LATERAL (SELECT coalesce(array_agg(key ORDER BY key), '{}') AS keys FROM jsonb_object_keys(f.stored_values) key) k
    WHERE f.batch_id = ${plan.batchId} AND f.feature_id IS NOT NULL AND f.diff IN ('changed', 'new')
    GROUP BY 1, 2`.execute(db);
  let updated = 0;
  for (const group of updateGroups.rows) {
    const sets = group.fields.map((field) =>
      field === 'geometry' ? sql`geom = ${geometryOf(plan)}` : sql`${sql.ref(field)} = ${sql.ref(`r.${field}`)}`,
    );
    if (group.revive) sets.push(sql`retired_at = NULL`);
    if (sets.length === 0) continue;
    const result = await sql`UPDATE ${table} t SET ${sql.join(sets)}
      FROM import_features f, LATERAL ${record} r
      WHERE f.id = ANY(${group.ids}::int[]) AND ${idText(spec, 't')} = f.feature_id`.execute(db);
    updated += Number(result.numAffectedRows ?? 0);
  }
  let retired = 0;
  if (plan.retireMissing) {
    const result = await sql`UPDATE ${table} t SET retired_at = now() FROM import_features f
      WHERE f.batch_id = ${plan.batchId} AND f.match = 'missing' AND ${idText(spec, 't')} = f.feature_id`.execute(db);
    retired = Number(result.numAffectedRows ?? 0);
  }
  await sql`UPDATE import_changes c SET version_after = t.version FROM ${table} t
    WHERE c.batch_id = ${plan.batchId} AND ${idText(spec, 't')} = c.feature_id`.execute(db);
  return { inserted, updated, retired };
}

/** The codes a batch wrote, by what it did to them (for its audit row: who changed which feature). */
export async function batchCodes(db: Db, spec: BaseLayerSpec, batchId: number): Promise<Record<string, string[]>> {
  const result = await sql<{ action: string; codes: string[] }>`
    SELECT c.action, array_agg(t.code ORDER BY t.code) AS codes FROM import_changes c
    JOIN ${stored(spec)} t ON ${idText(spec, 't')} = c.feature_id
    WHERE c.batch_id = ${batchId} GROUP BY c.action`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.action, row.codes]));
}

/** Codes of the batch's features that changed after it (another edit, a later batch): a rollback would undo those too. */
export async function changedSinceBatch(db: Db, spec: BaseLayerSpec, batchId: number): Promise<string[]> {
  const result = await sql<{ code: string }>`
    SELECT coalesce(t.code, c.feature_id) AS code FROM import_changes c
    LEFT JOIN ${stored(spec)} t ON ${idText(spec, 't')} = c.feature_id
    WHERE c.batch_id = ${batchId} AND t.version IS DISTINCT FROM c.version_after
    ORDER BY 1`.execute(db);
  return result.rows.map((row) => row.code);
}

/** Puts back every row the batch wrote: the kept before-state, and inserted rows retired. */
export async function revertBatch(db: Db, spec: BaseLayerSpec, batchId: number): Promise<number> {
  const table = stored(spec);
  const columns = await restorableColumns(db, spec);
  const restored = await sql`UPDATE ${table} t
    SET ${sql.join(columns.map((column) => sql`${sql.ref(column)} = ${sql.ref(`r.${column}`)}`))}
    FROM import_changes c, LATERAL jsonb_populate_record(NULL::${table}, c.before) r
    WHERE c.batch_id = ${batchId} AND c.before IS NOT NULL AND ${idText(spec, 't')} = c.feature_id`.execute(db);
  const retired = await sql`UPDATE ${table} t SET retired_at = now() FROM import_changes c
    WHERE c.batch_id = ${batchId} AND c.action = 'insert' AND ${idText(spec, 't')} = c.feature_id`.execute(db);
  return Number(restored.numAffectedRows ?? 0) + Number(retired.numAffectedRows ?? 0);
}
