import { REPLAYED_HEADER } from '../api/idempotency';
import { say } from '../i18n/say';
import type { ArchivedItem, OutboxArchive } from './outbox-archive';
import { sendItem } from './outbox-send';
import type { OutboxItem } from './outbox-types';

/** How one archived item ended: newly written, recognised as already there, or not taken (and why). */
export type ImportOutcome = 'written' | 'already' | 'conflict' | 'failed' | 'waiting';

export interface ImportedItem {
  id: string;
  kind: OutboxItem['kind'];
  label: string;
  hazard_id: number | null;
  outcome: ImportOutcome;
  message: string | null;
}

const fresh = (item: ArchivedItem): OutboxItem => ({
  ...item,
  state: 'pending',
  attempts: 0,
  nextAttemptAt: 0,
  error: null,
  mainDone: false,
  photoAcks: {},
  conflict: null,
});

/**
 * Sends every item of an exported outbox through the phone's own sending code and the same Idempotency-Keys,
 * over `fetch` (the app's routes, acting for the archive's user). An item whose every request was answered from
 * an earlier answer was already there; a later item on a hazard whose earlier one did not go through waits,
 * as it would on the phone.
 */
export async function importOutbox(archive: OutboxArchive, fetch: typeof globalThis.fetch): Promise<ImportedItem[]> {
  const results: ImportedItem[] = [];
  const blocked = new Set<number>();
  for (const archived of archive.items) {
    const item = fresh(archived);
    const result = { id: item.id, kind: item.kind, label: item.label, hazard_id: item.hazardId };
    if (item.hazardId !== null && blocked.has(item.hazardId)) {
      results.push({
        ...result,
        outcome: 'waiting',
        message: say(
          '同一隐患的前一项未能导入，此项未发送',
          'an earlier item on the same hazard did not go through, so this one was not sent',
        ),
      });
      continue;
    }
    let wrote = false;
    const outcome = await sendItem(item, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const isWrite = (init?.method ?? 'GET') !== 'GET';
        if (isWrite && response.ok && response.headers.get(REPLAYED_HEADER) !== 'true') wrote = true;
        return response;
      },
      photo: async (key) => {
        const bytes = archive.photos.get(key);
        return bytes && new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
      },
      save: async () => {},
    });
    const hazardId = item.hazardId;
    if (outcome.kind === 'synced') {
      results.push({ ...result, hazard_id: hazardId, outcome: wrote ? 'written' : 'already', message: null });
      continue;
    }
    if (hazardId !== null) blocked.add(hazardId);
    const message = outcome.kind === 'conflict' ? outcome.conflict.message : outcome.message;
    results.push({ ...result, hazard_id: hazardId, outcome: outcome.kind === 'conflict' ? 'conflict' : 'failed', message });
  }
  return results;
}
