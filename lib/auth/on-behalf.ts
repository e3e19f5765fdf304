import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from './actor';

// On globalThis, so the route modules of every bundle see the same store (as the request locale does).
const STORE = Symbol.for('liuhulan-fire-gis.on-behalf');
const holder = globalThis as { [STORE]?: AsyncLocalStorage<Actor> };
holder[STORE] ??= new AsyncLocalStorage<Actor>();
const store = holder[STORE];

/**
 * Runs `work` with every route it calls acting for `actor` instead of whoever signed the request. Only server
 * code can set it: the office's import of a phone's exported outbox replays that user's requests as that user,
 * so their Idempotency-Keys, permissions and village scope are the ones the phone would have had.
 */
export function onBehalfOf<T>(actor: Actor, work: () => T): T {
  return store.run(actor, work);
}

/** The actor a server-side replay acts for, if one is running. */
export function behalfActor(): Actor | undefined {
  return store.getStore();
}
