import type { HazardStatus } from '../domain/enums';
import { allowedNextStatuses } from '../hazards/lifecycle';
import type { OutboxItem, OutboxPhotoKind } from './outbox-types';

/** What of a hazard the phone shows while its own changes wait in the outbox. */
export interface QueuedView {
  status: HazardStatus;
  /** The version the hazard will have once the waiting changes are through: the next change is based on it. */
  version: number;
  allowedNext: readonly HazardStatus[];
  /** Changes to its fields still waiting (latest wins), shown over the server's values. */
  fields: Record<string, unknown>;
  /** Photos waiting to be sent, by kind. */
  photoKinds: OutboxPhotoKind[];
  waiting: number;
}

/** Still to reach the server: its main request is not acknowledged, and it is not set aside as a conflict. */
const isWaiting = (item: OutboxItem) => item.state !== 'synced' && item.state !== 'conflict';

/**
 * The hazard as it will be once this phone's waiting changes on it are through, so a second step made without a
 * signal follows the first: each waiting step or edit moves the version on by one (as the server will), and
 * a step moves the status. A change of someone else's meanwhile still makes the first one a conflict.
 */
export function queuedView(server: { id: number; status: HazardStatus; version: number }, items: readonly OutboxItem[]): QueuedView {
  let { status, version } = server;
  const fields: Record<string, unknown> = {};
  const photoKinds: OutboxPhotoKind[] = [];
  let waiting = 0;
  for (const item of items) {
    if (item.hazardId !== server.id || !isWaiting(item)) continue;
    waiting += 1;
    for (const photo of item.photos) if (!item.photoAcks[photo.key]) photoKinds.push(photo.kind);
    if (item.mainDone || !item.body) continue;
    if (item.kind === 'transition') {
      status = item.body.to as HazardStatus;
      version += 1;
    } else if (item.kind === 'edit') {
      const { version: _base, ...changed } = item.body;
      Object.assign(fields, changed);
      version += 1;
    }
  }
  return { status, version, allowedNext: allowedNextStatuses(status), fields, photoKinds, waiting };
}
