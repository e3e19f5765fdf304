import { writeAudit } from '../../db/queries/audit';
import {
  type CurrentFeature,
  codeTaken,
  currentFeature,
  type FeatureValues,
  featureIdByCode,
  geometryPlace,
  insertFeature,
  nearestPassageEnd,
  retireFeature,
  updateFeature,
} from '../../db/queries/feature-edits';
import type { Db } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../api/errors';
import type { Actor } from '../auth/actor';
import { auditActor } from '../auth/request';
import { inScope } from '../auth/scope';
import { BASE_LAYER_SPECS, type BaseLayer, type BaseLayerSpec } from '../domain/base-fields';
import { say } from '../i18n/say';
import { editableFields, type FeatureCreate, type FeaturePatch } from './feature-input';
import { forgetDerived } from './forget-derived';

/** The feature changed since the client read it (→ 409 with the current state, for the user to see). */
export class StaleFeatureError extends Error {
  constructor(readonly current: CurrentFeature) {
    super(
      say(
        `该要素在您读取后已被修改（现为第 ${current.version} 版）；请查看当前内容后重试`,
        `the feature changed since you read it (now version ${current.version}); look at the current state and try again`,
      ),
    );
    this.name = 'StaleFeatureError';
  }
}

export interface FeatureEdit {
  actor: Actor;
  layer: BaseLayer;
  id: string | number;
  requestId: string;
}

const notFound = (spec: BaseLayerSpec, id: string | number) =>
  new NotFoundError(say(`没有 id 为“${id}”的${spec.layer}要素`, `no ${spec.layer} feature with id "${id}"`));

/** The locked current feature within the actor's villages, based on the version the client read. */
async function lockedFeature(trx: Db, spec: BaseLayerSpec, edit: FeatureEdit, version: number): Promise<CurrentFeature> {
  const current = await currentFeature(trx, spec, edit.id, true);
  // Outside the user's villages a feature answers like a missing one, so its existence does not leak.
  if (!current || !inScope(edit.actor, current.village_code)) throw notFound(spec, edit.id);
  if (current.version !== version) throw new StaleFeatureError(current);
  return current;
}

/** The stored values of the patch: references by id, each checked to exist (and a new village to be in scope). */
async function storedValues(trx: Db, spec: BaseLayerSpec, actor: Actor, properties: FeatureValues): Promise<FeatureValues> {
  const values: FeatureValues = {};
  for (const [column, value] of Object.entries(properties)) {
    const field = spec.fields.find((f) => f.column === column);
    if (!field?.references || value === null) {
      values[column] = value;
      continue;
    }
    const target = BASE_LAYER_SPECS[field.references];
    const id = await featureIdByCode(trx, target, String(value));
    if (id === undefined || (field.references === 'villages' && !inScope(actor, String(value))))
      throw new UnprocessableError(say(`${field.zh}“${value}”不存在`, `${field.en} "${value}" does not exist`), { field: column });
    values[column] = id;
  }
  return values;
}

/** How far a drawn passage end may be from an existing one and still be joined to it. */
const PASSAGE_SNAP_M = 3;

/**
 * A passage's ends moved onto the existing passage ends within reach, so that what is drawn joins the network
 * (which connects passages only at identical ends); other geometries as they are.
 */
async function snapped(trx: Db, layer: BaseLayer, geometry: GeoJSON.Geometry, self: number | null): Promise<GeoJSON.Geometry> {
  if (layer !== 'passages' || geometry.type !== 'LineString') return geometry;
  const coordinates = geometry.coordinates.map((position) => [...position]);
  for (const index of [0, coordinates.length - 1]) {
    const end = coordinates[index] as [number, number];
    const existing = await nearestPassageEnd(trx, end, PASSAGE_SNAP_M, self);
    if (existing) coordinates[index] = existing;
  }
  return { type: 'LineString', coordinates };
}

async function checkGeometry(trx: Db, spec: BaseLayerSpec, geometry: GeoJSON.Geometry): Promise<void> {
  const { reason, distance_m } = await geometryPlace(trx, geometry);
  if (reason) throw new UnprocessableError(say(`几何图形无效：${reason}`, `the geometry is not valid: ${reason}`), { field: 'geometry' });
  if (distance_m > spec.outsideTownM)
    throw new UnprocessableError(
      say(
        `位置超出本镇各村范围 ${spec.outsideTownM} 米以上`,
        `the position is more than ${spec.outsideTownM} m outside the town's villages`,
      ),
      { field: 'geometry' },
    );
}

/**
 * Changes a base feature's attributes and geometry, as far as the actor's role allows, on the version the client
 * read; the audit row holds the changed fields before and after. Returns the feature as it now is.
 */
export async function editFeature(db: Db, edit: FeatureEdit, patch: FeaturePatch): Promise<CurrentFeature> {
  const spec = BASE_LAYER_SPECS[edit.layer];
  const allowed = editableFields(spec, edit.actor.role);
  const refused = Object.keys(patch.properties).filter((column) => !allowed.fields.some((field) => field.column === column));
  if (patch.geometry && !allowed.geometry) refused.push('geometry');
  if (refused.length > 0)
    throw new ForbiddenError(say(`您的角色不能修改：${refused.join('、')}`, `your role may not change: ${refused.join(', ')}`));

  const after = await inTransaction(db, async (trx) => {
    const before = await lockedFeature(trx, spec, edit, patch.version);
    const values = await storedValues(trx, spec, edit.actor, patch.properties);
    const geometry = patch.geometry && (await snapped(trx, edit.layer, patch.geometry, Number(edit.id)));
    if (geometry) await checkGeometry(trx, spec, geometry);
    await updateFeature(trx, spec, edit.id, values, geometry);
    const changed = await currentFeature(trx, spec, edit.id);
    if (!changed) throw new Error(`${spec.layer} ${edit.id} vanished while it was locked`);
    const columns = Object.keys(patch.properties).filter(
      (column) => JSON.stringify(before.properties[column]) !== JSON.stringify(changed.properties[column]),
    );
    const part = (feature: CurrentFeature) => ({
      ...Object.fromEntries(columns.map((column) => [column, feature.properties[column]])),
      ...(patch.geometry ? { geometry: feature.geometry } : {}),
    });
    await writeAudit(trx, {
      actor: auditActor(edit.actor),
      action: 'update',
      table: spec.table,
      recordId: edit.id,
      villageCode: changed.village_code,
      before: part(before),
      after: part(changed),
      requestId: edit.requestId,
    });
    return changed;
  });
  forgetDerived(db, edit.layer);
  return after;
}

/** The feature as the edit form shows it (references by code), with what the actor may change of it. */
export async function featureForEdit(
  db: Db,
  edit: Omit<FeatureEdit, 'requestId'>,
): Promise<{ feature: CurrentFeature; editable: { fields: string[]; geometry: boolean } }> {
  const spec = BASE_LAYER_SPECS[edit.layer];
  const feature = await currentFeature(db, spec, edit.id);
  if (!feature || !inScope(edit.actor, feature.village_code)) throw notFound(spec, edit.id);
  const allowed = editableFields(spec, edit.actor.role);
  return { feature, editable: { fields: allowed.fields.map((field) => field.column), geometry: allowed.geometry } };
}

/** Adds a base feature drawn in the browser or sent by a script (office and admin); returns its id and state. */
export async function createFeature(
  db: Db,
  edit: Omit<FeatureEdit, 'id'>,
  input: FeatureCreate,
): Promise<{ id: string | number; feature: CurrentFeature }> {
  const spec = BASE_LAYER_SPECS[edit.layer];
  if (!editableFields(spec, edit.actor.role).geometry)
    throw new ForbiddenError(say('只有办公室和管理员可以新增要素', 'only the office and administrators may add features'));
  const created = await inTransaction(db, async (trx) => {
    const code = String(input.properties.code);
    if (await codeTaken(trx, spec, code))
      throw new ConflictError(
        say(`编码“${code}”已被使用（包括已删除的要素）`, `code "${code}" is already used (deleted features included)`),
      );
    const values = await storedValues(trx, spec, edit.actor, input.properties);
    const geometry = await snapped(trx, edit.layer, input.geometry, null);
    await checkGeometry(trx, spec, geometry);
    const id = await insertFeature(trx, spec, values, geometry);
    const feature = await currentFeature(trx, spec, id);
    if (!feature) throw new Error(`${spec.layer} ${id} vanished after it was added`);
    if (!inScope(edit.actor, feature.village_code))
      throw new ForbiddenError(say('该位置不在您负责的村', 'that place is not in your villages'));
    await writeAudit(trx, {
      actor: auditActor(edit.actor),
      action: 'create',
      table: spec.table,
      recordId: id,
      villageCode: feature.village_code,
      after: { ...feature.properties, geometry: feature.geometry },
      requestId: edit.requestId,
    });
    return { id, feature };
  });
  forgetDerived(db, edit.layer);
  return created;
}

/** Retires a base feature (the data-maintenance delete): office and admin only, on the version the client read. */
export async function retireFeatureAs(db: Db, edit: FeatureEdit, version: number): Promise<void> {
  const spec = BASE_LAYER_SPECS[edit.layer];
  if (!editableFields(spec, edit.actor.role).geometry)
    throw new ForbiddenError(say('只有办公室和管理员可以删除要素', 'only the office and administrators may delete features'));
  await inTransaction(db, async (trx) => {
    const before = await lockedFeature(trx, spec, edit, version);
    await retireFeature(trx, spec, edit.id);
    await writeAudit(trx, {
      actor: auditActor(edit.actor),
      action: 'delete',
      table: spec.table,
      recordId: edit.id,
      villageCode: before.village_code,
      before: before.properties,
      requestId: edit.requestId,
    });
  });
  forgetDerived(db, edit.layer);
}
