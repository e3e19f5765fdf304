import { createHash } from 'node:crypto';
import { featureIdsByCode, type LayerFeature, layerFeatures } from '../../../db/queries/feature-edits';
import {
  checkStaged,
  insertBatch,
  recordDecisions,
  type StagedDecision,
  type StagedInput,
  stageFeatures,
  stageMissing,
  updateBatchReport,
} from '../../../db/queries/import-batches';
import type { Db } from '../../../db/schema';
import { inTransaction } from '../../../db/transaction';
import { BadRequestError, UnprocessableError } from '../../api/errors';
import { BASE_LAYER_SPECS, type BaseLayer, type BaseLayerSpec } from '../../domain/base-fields';
import { say } from '../../i18n/say';
import { type CrsGuess, guessCrs } from '../geo/crs-guess';
import { readGeoFile, type UploadedGeoFile } from '../geo/index';
import type { DetectedEncoding, ImportCrs } from '../geo/types';
import { type ConvertedFeature, convertFeature } from './convert-feature';
import { changedFields } from './diff';
import { assertCoordinatesFit, assertGeometryKind, isLayerType, prepareGeometry, sridOf, toLayerType } from './geometry';
import { type FieldMapping, suggestMapping, type ValueMapping } from './mapping';
import type { ImportSummary, ReportItem } from './report';

/** How far (m) a feature may lie outside the village it names before the report says so. */
export const VILLAGE_MARGIN_M = 50;

export interface PreviewInput {
  layer: BaseLayer;
  file: UploadedGeoFile;
  crs?: ImportCrs;
  encoding?: DetectedEncoding['name'];
  /** Layer column → file field, over the suggestion (null leaves a field out). */
  mapping?: FieldMapping;
  /** The user's codes for file values the field does not know: column → file value → code. */
  values?: ValueMapping;
  /** The field features are matched by (a text field of the layer); `code` unless given. */
  key?: string;
  createdBy: number;
}

export interface PreviewAnswer {
  id: number;
  status: 'preview';
  layer: BaseLayer;
  crs: ImportCrs;
  /** What the coordinates looked like, when the request named no system: then the commit must confirm it. */
  crs_guess: (Omit<CrsGuess, 'swappedAxes'> & { swapped_axes: boolean }) | null;
  encoding: DetectedEncoding | null;
  fields: string[];
  key: string;
  mapping: FieldMapping;
  unmatched_values: Record<string, string[]>;
  summary: ImportSummary;
  errors: ReportItem[];
}

function keyFieldOf(spec: BaseLayerSpec, key: string | undefined): string {
  const column = key ?? spec.keyColumn;
  const field = spec.fields.find((candidate) => candidate.column === column);
  if (field?.type !== 'text')
    throw new BadRequestError(
      say(`key 必须是本图层的文本字段，而不是“${column}”`, `key must be a text field of the layer, not "${column}"`),
      { field: 'key' },
    );
  return column;
}

function checkMapping(spec: BaseLayerSpec, headers: readonly string[], mapping: FieldMapping | undefined): void {
  for (const [column, header] of Object.entries(mapping ?? {})) {
    if (!spec.fields.some((field) => field.column === column))
      throw new BadRequestError(say(`mapping 中的“${column}”不是本图层的字段`, `"${column}" in mapping is not a field of the layer`), {
        field: 'mapping',
      });
    if (header !== null && !headers.includes(header))
      throw new BadRequestError(say(`文件中没有字段“${header}”`, `the file has no field "${header}"`), { field: 'mapping' });
  }
}

/** References by code resolved to stored ids; an unknown code is reported and the value left out. */
async function resolveReferences(db: Db, spec: BaseLayerSpec, features: ConvertedFeature[]): Promise<Map<number, Record<string, unknown>>> {
  const storedValues = new Map<number, Record<string, unknown>>(features.map((feature) => [feature.index, { ...feature.values }]));
  for (const field of spec.fields) {
    if (field.type !== 'reference' || !field.references) continue;
    const codes = [...new Set(features.map((feature) => feature.values[field.column]).filter((v): v is string => typeof v === 'string'))];
    const ids = await featureIdsByCode(db, BASE_LAYER_SPECS[field.references], codes);
    for (const feature of features) {
      const code = feature.values[field.column];
      if (typeof code !== 'string') continue;
      const id = ids.get(code);
      const values = storedValues.get(feature.index) as Record<string, unknown>;
      if (id === undefined) {
        delete values[field.column];
        feature.items.push({
          index: feature.index,
          field: field.column,
          code: 'unknown_reference',
          severity: 'error',
          message: say(`${field.zh}“${code}”不存在`, `${field.en} "${code}" does not exist`),
        });
      } else values[field.column] = id;
    }
  }
  return storedValues;
}

const round = (value: number | null) => (value === null ? '?' : value.toFixed(1));

/**
 * Reads an uploaded file for a base layer and stages it as a preview batch: the field mapping, every value
 * converted and checked, geometries transformed to EPSG:4326 and checked by PostGIS, and each feature matched to
 * the stored one by its key. Nothing of the layer changes until the batch is committed.
 */
export async function previewImport(db: Db, input: PreviewInput): Promise<PreviewAnswer> {
  const spec = BASE_LAYER_SPECS[input.layer];
  const contents = await readGeoFile(input.file, input.encoding ? { encoding: input.encoding } : {});
  const key = keyFieldOf(spec, input.key);
  checkMapping(spec, contents.fields, input.mapping);
  const mapping = suggestMapping(spec, contents.fields, input.mapping);
  if (!mapping[key])
    throw new UnprocessableError(
      say(`文件中找不到用于匹配的字段“${key}”：请在 mapping 中指定`, `the file has no field for the key "${key}": name it in mapping`),
      { field: 'mapping' },
    );
  const guess = input.crs ? null : guessCrs(contents);
  const crs = input.crs ?? guess?.crs;
  if (!crs)
    throw new UnprocessableError(
      say(`无法判断坐标系：${guess?.reason ?? ''}；请选择 crs`, `cannot tell the coordinate system: ${guess?.reason ?? ''}; choose crs`),
      {
        field: 'crs',
        crs_guess: guess,
      },
    );
  assertGeometryKind(spec, contents.features);
  const swapped = guess?.swappedAxes ?? false;
  if (!swapped) assertCoordinatesFit(crs, contents.features);

  const unmatched = new Map<string, Set<string>>();
  const converted = contents.features.map((feature) => convertFeature(spec, mapping, feature, unmatched, input.values));
  const storedValues = await resolveReferences(db, spec, converted);

  // Match by key; a key given twice in the file is an error on every feature that gives it.
  const stored = await layerFeatures(db, spec);
  const byKey = new Map<string, LayerFeature>();
  for (const feature of stored) {
    const value = feature.properties[key];
    if (value === null || value === undefined) continue;
    const seen = byKey.get(String(value));
    if (!seen || (seen.retired && !feature.retired)) byKey.set(String(value), feature);
  }
  const keyCount = new Map<string, number>();
  for (const feature of converted) {
    const value = feature.values[key];
    if (typeof value === 'string') keyCount.set(value, (keyCount.get(value) ?? 0) + 1);
  }
  const staged: StagedInput[] = contents.features.map((source, position) => {
    const feature = converted[position] as ConvertedFeature;
    const keyValue = feature.values[key];
    const match = typeof keyValue === 'string' ? byKey.get(keyValue) : undefined;
    if (typeof keyValue === 'string' && (keyCount.get(keyValue) ?? 0) > 1)
      feature.items.push({
        index: source.index,
        field: key,
        code: 'duplicate_key',
        severity: 'error',
        message: say(
          `${key}“${keyValue}”在文件中出现了 ${keyCount.get(keyValue)} 次`,
          `${key} "${keyValue}" appears ${keyCount.get(keyValue)} times in the file`,
        ),
      });
    let geometry = source.geometry ? toLayerType(spec, prepareGeometry(source.geometry, crs, swapped)) : null;
    if (!geometry)
      feature.items.push({
        index: source.index,
        field: 'geometry',
        code: 'no_geometry',
        severity: 'error',
        message: say('没有几何图形（坐标）', 'there is no geometry (no coordinates)'),
      });
    else if (!isLayerType(spec, geometry)) {
      feature.items.push({
        index: source.index,
        field: 'geometry',
        code: 'geometry_type',
        severity: 'error',
        message: say(
          `几何类型是多部件的 ${geometry.type}，本图层需要 ${spec.geometry}`,
          `the geometry is a multi-part ${geometry.type}; the layer needs ${spec.geometry}`,
        ),
      });
      geometry = null;
    }
    return {
      index: source.index,
      geometry,
      properties: feature.values,
      storedValues: storedValues.get(source.index) ?? {},
      featureId: match?.id ?? null,
      featureVersion: match?.version ?? null,
    };
  });

  return inTransaction(db, async (trx) => {
    const batchId = await insertBatch(trx, {
      layer: input.layer,
      fileName: input.file.name,
      fileSha256: createHash('sha256').update(input.file.bytes).digest('hex'),
      crs,
      // A system the file declares (a .prj) needs no confirmation; one read from the numbers does.
      crsGuessed: !input.crs && !contents.declaredCrs?.epsg,
      encoding: contents.encoding?.name ?? null,
      keyField: key,
      mapping,
      createdBy: input.createdBy,
    });
    await stageFeatures(trx, batchId, sridOf(crs), staged);
    const checks = new Map((await checkStaged(trx, spec, batchId)).map((check) => [check.index, check]));
    const storedById = new Map(stored.map((feature) => [feature.id, feature]));
    const requiredColumns = spec.fields.filter((field) => field.required).map((field) => field.column);
    const summary: ImportSummary = { new: 0, changed: 0, unchanged: 0, missing: 0, invalid: 0 };
    const decisions: StagedDecision[] = staged.map((feature, position) => {
      const items = (converted[position] as ConvertedFeature).items;
      const check = checks.get(feature.index);
      const current = feature.featureId ? storedById.get(feature.featureId) : undefined;
      const isNew = !current || current.retired;
      if (isNew)
        for (const column of requiredColumns)
          if (!mapping[column]) {
            const field = spec.fields.find((candidate) => candidate.column === column);
            items.push({
              index: feature.index,
              field: column,
              code: 'required',
              severity: 'error',
              message: say(
                `新要素缺少必填项${field?.zh}（文件中没有对应字段）`,
                `a new feature needs ${field?.en} (the file has no field for it)`,
              ),
            });
          }
      if (check) geometryItems(spec, feature.index, check, items);
      const changed = current && !isNew ? changedFields(feature.properties, current) : [];
      // An invalid geometry cannot equal the stored (valid) one: repaired, it replaces it.
      if (current && !isNew && check && check.geometry_equal !== true) changed.push('geometry');
      const diff = isNew ? 'new' : changed.length > 0 ? 'changed' : 'unchanged';
      const blocked = items.some((item) => item.severity !== 'warning');
      const match = blocked ? 'invalid' : diff;
      summary[match] += 1;
      return { index: feature.index, match, diff, changed_fields: changed, errors: items };
    });
    await recordDecisions(trx, batchId, decisions);
    const listed = new Set(staged.map((feature) => feature.featureId).filter(Boolean));
    const missing = stored.filter((feature) => !feature.retired && !listed.has(feature.id)).map((feature) => feature.id);
    await stageMissing(trx, spec, batchId, missing);
    summary.missing = missing.length;
    const errors = decisions.flatMap((decision) => decision.errors as ReportItem[]);
    const unmatchedValues = Object.fromEntries([...unmatched].map(([column, values]) => [column, [...values].sort()]));
    const crsGuess = guess && { crs: guess.crs, reason: guess.reason, alternatives: guess.alternatives, swapped_axes: guess.swappedAxes };
    await updateBatchReport(trx, batchId, summary, {
      fields: contents.fields,
      crs_guess: crsGuess,
      encoding: contents.encoding,
      unmatched_values: unmatchedValues,
      errors,
    });
    return {
      id: batchId,
      status: 'preview' as const,
      layer: input.layer,
      crs,
      crs_guess: crsGuess,
      encoding: contents.encoding,
      fields: contents.fields,
      key,
      mapping,
      unmatched_values: unmatchedValues,
      summary,
      errors,
    };
  });
}

/** What PostGIS said of a staged geometry, as report items. */
function geometryItems(
  spec: BaseLayerSpec,
  index: number,
  check: NonNullable<Awaited<ReturnType<typeof checkStaged>>[number]>,
  items: ReportItem[],
): void {
  const push = (code: ReportItem['code'], severity: ReportItem['severity'], message: string) =>
    items.push({ index, field: 'geometry', code, severity, message });
  if (check.lon_lat_ok === false)
    push(
      'outside_town',
      'error',
      say('转换后的坐标超出经纬度范围：坐标系可能选错了', 'the transformed coordinates are not valid degrees: the system may be wrong'),
    );
  else if (check.reason !== null) {
    const areas =
      check.area_m2 !== null
        ? say(
            `；面积修复前 ${round(check.area_m2)} 平方米，修复后 ${round(check.repaired_area_m2)} 平方米`,
            `; area ${round(check.area_m2)} m² before the repair, ${round(check.repaired_area_m2)} m² after`,
          )
        : '';
    if (check.repair_usable)
      push(
        'invalid_geometry',
        'repairable',
        say(
          `几何图形无效：${check.reason}${areas}（提交时可选择修复）`,
          `the geometry is not valid: ${check.reason}${areas} (the commit can repair it)`,
        ),
      );
    else
      push(
        'invalid_geometry',
        'error',
        say(
          `几何图形无效且无法修复为 ${spec.geometry}：${check.reason}${areas}`,
          `the geometry is not valid and cannot be repaired into a ${spec.geometry}: ${check.reason}${areas}`,
        ),
      );
  }
  const townDistance = check.town_distance_m ?? 0;
  const outsideTown = townDistance > spec.outsideTownM;
  if (outsideTown)
    push(
      'outside_town',
      'error',
      say(
        `位置在本镇各村范围外 ${Math.round(townDistance)} 米`,
        `the position is ${Math.round(townDistance)} m outside the town's villages`,
      ),
    );
  // Outside the town, it is outside its village too: the one item says enough.
  if (!outsideTown && check.village_distance_m !== null && check.village_distance_m > VILLAGE_MARGIN_M)
    push(
      'outside_village',
      'warning',
      say(
        `位置在所属村范围外 ${Math.round(check.village_distance_m)} 米`,
        `the position is ${Math.round(check.village_distance_m)} m outside the village it names`,
      ),
    );
}
