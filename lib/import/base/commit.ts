import { writeAudit } from '../../../db/queries/audit';
import {
  applyBatch,
  batchById,
  batchCodes,
  changedSinceBatch,
  dropStaged,
  revertBatch,
  setBatchStatus,
  stagedFeatures,
  staleStaged,
} from '../../../db/queries/import-batches';
import type { Db } from '../../../db/schema';
import { inTransaction } from '../../../db/transaction';
import { ConflictError, NotFoundError } from '../../api/errors';
import type { Actor } from '../../auth/actor';
import { auditActor } from '../../auth/request';
import { BASE_LAYER_SPECS, type BaseLayer, isBaseLayer } from '../../domain/base-fields';
import { say } from '../../i18n/say';
import { forgetDerived } from '../../layers/forget-derived';
import { BaseImportRefusedError } from './errors';
import { blockingItems, type ReportItem } from './report';

export interface CommitOptions {
  retireMissing: boolean;
  repairInvalid: boolean;
  /** The coordinate system was guessed at the preview; the user has looked at it and agrees. */
  confirmCrs: boolean;
}

interface Who {
  actor: Actor;
  requestId: string;
}

const notFound = (id: number) => new NotFoundError(say(`没有编号为 ${id} 的导入批次`, `no import batch ${id}`));

function layerOf(layer: string): BaseLayer {
  if (!isBaseLayer(layer)) throw new Error(`import batch of unknown layer ${layer}`);
  return layer;
}

/**
 * Applies a previewed batch in one transaction: inserts the new features, updates the changed ones (their
 * changed fields only), retires the missing ones when asked, keeps the before-state of every row for a rollback
 * and writes one audit row. Refused (422, with the report) while the preview has errors the commit does not repair,
 * or a guessed coordinate system is not confirmed; 409 when a matched feature changed since the preview.
 */
export async function commitImport(db: Db, id: number, options: CommitOptions, who: Who) {
  const summary = await inTransaction(db, async (trx) => {
    const batch = await batchById(trx, id, true);
    if (!batch) throw notFound(id);
    if (batch.status !== 'preview')
      throw new ConflictError(
        say(`该批次已是“${batch.status}”状态，不能再提交`, `the batch is already ${batch.status} and cannot be committed`),
        {
          status: batch.status,
        },
      );
    const spec = BASE_LAYER_SPECS[layerOf(batch.layer)];
    const errors = (batch.report.errors ?? []) as ReportItem[];
    const blocking = blockingItems(errors, options.repairInvalid);
    if (batch.crs_guessed && !options.confirmCrs)
      throw new BaseImportRefusedError(
        say(
          `坐标系 ${batch.crs} 是推测的：请在预览中核对位置后以 confirm_crs 提交，或重新上传并指定 crs`,
          `the coordinate system ${batch.crs} was guessed: check the positions in the preview and commit with confirm_crs, or upload again naming crs`,
        ),
        { crs: batch.crs, crs_guess: batch.report.crs_guess, errors: blocking },
      );
    if (blocking.length > 0)
      throw new BaseImportRefusedError(
        say(
          `未导入任何数据：预览中有 ${blocking.length} 个问题需要先修正`,
          `nothing was imported: the preview has ${blocking.length} problems to fix first`,
        ),
        { summary: batch.summary, errors: blocking },
      );
    const stale = await staleStaged(trx, spec, id);
    if (stale.length > 0)
      throw new ConflictError(
        say(
          `预览之后这些要素已被修改：${stale.join('、')}；请重新上传预览`,
          `these features changed after the preview: ${stale.join(', ')}; upload the file again`,
        ),
        { changed: stale },
      );
    const written = await applyBatch(trx, spec, { batchId: id, repair: options.repairInvalid, retireMissing: options.retireMissing });
    const result = {
      ...batch.summary,
      inserted: written.inserted,
      updated: written.updated,
      retired: written.retired,
      retire_missing: options.retireMissing,
      repaired: options.repairInvalid ? errors.filter((item) => item.severity === 'repairable').length : 0,
    };
    await setBatchStatus(trx, id, 'applied', result);
    await writeAudit(trx, {
      actor: auditActor(who.actor),
      action: 'import',
      table: spec.table,
      recordId: null,
      villageCode: null,
      after: {
        import_batch: id,
        file: batch.file_name,
        sha256: batch.file_sha256,
        crs: batch.crs,
        summary: result,
        codes: await batchCodes(trx, spec, id),
      },
      requestId: who.requestId,
    });
    return result;
  });
  forgetDerived(db);
  return { id, status: 'applied' as const, summary };
}

/**
 * Undoes an applied batch in one transaction: every row it wrote goes back to its kept before-state (inserted
 * ones are retired), with an audit row. Refused (409) once any of those rows changed after the batch, by an edit
 * or a later batch: undoing it would silently undo those changes too.
 */
export async function rollbackImport(db: Db, id: number, who: Who) {
  const restored = await inTransaction(db, async (trx) => {
    const batch = await batchById(trx, id, true);
    if (!batch) throw notFound(id);
    if (batch.status !== 'applied')
      throw new ConflictError(
        say(`只能撤销已提交的批次（该批次为“${batch.status}”）`, `only an applied batch can be rolled back (this one is ${batch.status})`),
        {
          status: batch.status,
        },
      );
    const spec = BASE_LAYER_SPECS[layerOf(batch.layer)];
    const changed = await changedSinceBatch(trx, spec, id);
    if (changed.length > 0)
      throw new ConflictError(
        say(
          `不能撤销：这些要素在导入之后又被修改过：${changed.slice(0, 20).join('、')}${changed.length > 20 ? ' 等' : ''}`,
          `cannot roll back: these features changed after the import: ${changed.slice(0, 20).join(', ')}${changed.length > 20 ? ' …' : ''}`,
        ),
        { changed },
      );
    const codes = await batchCodes(trx, spec, id);
    const count = await revertBatch(trx, spec, id);
    await setBatchStatus(trx, id, 'rolled_back');
    await writeAudit(trx, {
      actor: auditActor(who.actor),
      action: 'import',
      table: spec.table,
      recordId: null,
      villageCode: null,
      before: { import_batch: id, summary: batch.summary },
      after: { import_batch: id, rolled_back: count, codes },
      requestId: who.requestId,
    });
    return count;
  });
  forgetDerived(db);
  return { id, status: 'rolled_back' as const, restored };
}

/** A batch as the history and the preview page show it, with its staged features when asked. */
export async function describeBatch(db: Db, id: number, withFeatures: boolean) {
  const batch = await batchById(db, id);
  if (!batch) throw notFound(id);
  const { report, ...rest } = batch;
  const answer = { ...rest, ...report };
  if (!withFeatures) return answer;
  const features = await stagedFeatures(db, id);
  return {
    ...answer,
    features: {
      type: 'FeatureCollection' as const,
      features: features.map((feature) => ({
        type: 'Feature' as const,
        geometry: feature.geometry,
        properties: {
          ...feature.properties,
          _index: feature.index,
          _match: feature.match,
          _changed_fields: feature.changed_fields,
          _feature_id: feature.feature_id,
          _errors: feature.errors,
        },
      })),
    },
  };
}

/** Discards a preview the user decided against: nothing of the layer changes, the staged features are dropped. */
export async function discardImport(db: Db, id: number) {
  await inTransaction(db, async (trx) => {
    const batch = await batchById(trx, id, true);
    if (!batch) throw notFound(id);
    if (batch.status !== 'preview')
      throw new ConflictError(
        say(`只能放弃预览中的批次（该批次为“${batch.status}”）`, `only a batch in preview can be discarded (this one is ${batch.status})`),
        { status: batch.status },
      );
    await setBatchStatus(trx, id, 'discarded');
    await dropStaged(trx, id);
  });
  return { id, status: 'discarded' as const };
}
