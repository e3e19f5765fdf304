import { writeAudit } from '../../db/queries/audit';
import { insertHazardEvent } from '../../db/queries/hazard-records';
import { HazardNotFoundError, hasAfterPhoto, lockHazardState, StaleVersionError, setHazardStatus } from '../../db/queries/hazards';
import type { Db } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { HazardStatus } from '../domain/enums';
import { chinaToday } from '../time';
import { checkTransition } from './lifecycle';

export interface TransitionRequest {
  id: number;
  to: HazardStatus;
  note: string;
  /** The version the user saw; a newer one in the database means their view is stale. */
  version: number;
  actor: { name: string; role: string | null };
  /** The actor's villages; null = whole town. A hazard outside answers as not found. */
  villages?: readonly string[] | null;
  /** Called with the locked current status before anything changes (the route checks the role for that step). */
  authorize?: (from: HazardStatus, to: HazardStatus) => void;
  requestId: string;
}

/**
 * Moves a hazard one step along its lifecycle, in one transaction: the row is locked, the version compared
 * (optimistic concurrency), the step checked, then the hazard, its event log and the audit log written.
 * Closing sets 销号日期 to today's date in China, whatever the database session's time zone.
 */
export async function transitionHazard(db: Db, request: TransitionRequest): Promise<{ version: number; status: HazardStatus }> {
  const today = chinaToday();
  return inTransaction(db, async (trx) => {
    const current = await lockHazardState(trx, request.id);
    if (!current || (request.villages && !request.villages.includes(current.village_code))) throw new HazardNotFoundError(request.id);
    if (current.version !== request.version) throw new StaleVersionError({ version: current.version, status: current.status });
    request.authorize?.(current.status, request.to);
    checkTransition(current.status, request.to, request.note, await hasAfterPhoto(trx, request.id));

    const after = await setHazardStatus(trx, { id: request.id, status: request.to, closedOn: request.to === 'closed' ? today : null });
    const reopened = current.status === 'awaiting_review' && request.to === 'in_progress';
    await insertHazardEvent(trx, {
      hazard_id: request.id,
      actor: request.actor.name,
      action: reopened ? 'reopened' : 'transition',
      from_status: current.status,
      to_status: request.to,
      note: request.note,
    });
    await writeAudit(trx, {
      actor: request.actor,
      action: 'transition',
      table: 'hazards',
      recordId: request.id,
      villageCode: current.village_code,
      before: { status: current.status, version: current.version, closed_on: current.closed_on },
      after,
      requestId: request.requestId,
    });
    return { version: after.version, status: after.status };
  });
}
