import { IDEMPOTENCY_HEADER } from '../api/idempotency-header';
import { say } from '../i18n/say';
import { isAcknowledged, mainKey, type OutboxConflict, type OutboxItem } from './outbox-types';

/** How one attempt at an item ended: acknowledged, try again later, needs the user, or met a newer version. */
export type SendOutcome =
  | { kind: 'synced' }
  | { kind: 'retry'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'conflict'; conflict: OutboxConflict };

export interface SendDeps {
  fetch: typeof fetch;
  photo(key: string): Promise<Blob | undefined>;
  /** Saves progress after each acknowledged request, so a closed page resumes where it was. */
  save(item: OutboxItem): Promise<void>;
}

interface Answer {
  status: number;
  body: Record<string, unknown> | null;
}

async function send(deps: SendDeps, url: string, init: RequestInit, key: string | null): Promise<Answer> {
  try {
    const headers = new Headers(init.headers);
    if (key) headers.set(IDEMPOTENCY_HEADER, key);
    const response = await deps.fetch(url, { ...init, headers, cache: 'no-store' });
    const text = await response.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: response.status, body };
  } catch {
    // The browser says only "Failed to fetch": no signal, or the server is down.
    return { status: 0, body: null };
  }
}

const messageOf = (answer: Answer) =>
  typeof answer.body?.error === 'string'
    ? answer.body.error
    : answer.status === 0
      ? say('连不上服务器（可能没有信号），稍后自动重试', 'cannot reach the server (no signal?); it will try again')
      : say(`服务器答复 ${answer.status}`, `the server answered ${answer.status}`);

/** No network, a server error or a busy server: try again later. Other refusals wait for the user. */
const isTransient = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

/** A 409 that says the record moved on (a newer version, or a step no longer allowed from its state). */
const isStale = (answer: Answer) =>
  answer.status === 409 && (answer.body?.code === 'stale_version' || answer.body?.code === 'illegal_transition');

function refusal(answer: Answer): SendOutcome {
  return isTransient(answer.status) ? { kind: 'retry', message: messageOf(answer) } : { kind: 'failed', message: messageOf(answer) };
}

/** The server's current hazard, to show beside mine; the 409's own `current` when it cannot be read. */
async function conflictOf(deps: SendDeps, hazardId: number, answer: Answer): Promise<OutboxConflict> {
  const detail = await send(deps, `/api/v1/hazards/${hazardId}`, { method: 'GET' }, null);
  const hazard = (detail.body?.hazard as { properties?: Record<string, unknown> } | undefined)?.properties;
  const current = (answer.body?.current ?? {}) as { version: number; status: string };
  const server = hazard ? { ...hazard, allowed_next: detail.body?.allowed_next } : { ...current };
  return { server: server as OutboxConflict['server'], message: messageOf(answer) };
}

function json(method: 'POST' | 'PATCH', body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** The main request of an item: where it goes and how. A field check never conflicts: ordered by when it was seen. */
function mainRequest(item: OutboxItem): ['POST' | 'PATCH', string | null] {
  switch (item.kind) {
    case 'create':
      return ['POST', '/api/v1/hazards'];
    case 'edit':
      return ['PATCH', `/api/v1/hazards/${item.hazardId}`];
    case 'field-check':
      return [
        'POST',
        item.target ? `/api/v1/${item.target.kind === 'building' ? 'buildings' : 'obstacles'}/${item.target.id}/field-checks` : null,
      ];
    default:
      return ['POST', `/api/v1/hazards/${item.hazardId}/transitions`];
  }
}

async function sendMain(item: OutboxItem, deps: SendDeps): Promise<SendOutcome | null> {
  if (item.mainDone || item.kind === 'photos') return null;
  const key = mainKey(item);
  const [method, url] = mainRequest(item);
  if (!url) return { kind: 'failed', message: say('这条记录没有核查对象', 'this item names nothing it checked') };
  const answer = await send(deps, url, json(method, item.body), key);
  if (answer.status >= 200 && answer.status < 300) {
    if (item.kind === 'create') {
      const id = (answer.body?.hazard as { id?: number } | undefined)?.id;
      if (typeof id !== 'number') return { kind: 'failed', message: 'the answer named no hazard' };
      item.hazardId = id;
    }
    item.mainDone = true;
    await deps.save(item);
    return null;
  }
  if (isStale(answer) && item.hazardId !== null) return { kind: 'conflict', conflict: await conflictOf(deps, item.hazardId, answer) };
  return refusal(answer);
}

async function sendPhotos(item: OutboxItem, deps: SendDeps): Promise<SendOutcome | null> {
  for (const photo of item.photos) {
    if (item.photoAcks[photo.key] === photo.sha256) continue;
    const blob = await deps.photo(photo.key);
    if (!blob) return { kind: 'failed', message: `photo ${photo.key} is missing from this device` };
    const form = new FormData();
    // The file name is part of the request's fingerprint: the same on every retry.
    form.set('file', new File([blob], `${photo.key}.jpg`, { type: 'image/jpeg' }));
    form.set('kind', photo.kind);
    const answer = await send(deps, `/api/v1/hazards/${item.hazardId}/photos`, { method: 'POST', body: form }, photo.key);
    if (answer.status < 200 || answer.status >= 300) return refusal(answer);
    const received = answer.body?.received_sha256;
    if (received !== photo.sha256)
      return { kind: 'failed', message: `photo ${photo.key} arrived as ${String(received)}, not ${photo.sha256}` };
    item.photoAcks[photo.key] = received;
    await deps.save(item);
  }
  return null;
}

/**
 * Sends what of an item is not yet acknowledged, each request with its own Idempotency-Key, so a repeat after a
 * lost answer replays the first answer instead of writing twice. A new hazard's photos follow it; a step's
 * photos go first (closing needs its after-photo).
 */
export async function sendItem(item: OutboxItem, deps: SendDeps): Promise<SendOutcome> {
  const order = item.kind === 'create' ? [sendMain, sendPhotos] : [sendPhotos, sendMain];
  for (const step of order) {
    const outcome = await step(item, deps);
    if (outcome) return outcome;
  }
  return isAcknowledged(item) ? { kind: 'synced' } : { kind: 'failed', message: 'not acknowledged' };
}
