import { OutboxDb } from './outbox-db';

/** The service worker's cache of pages and data (the offline package); its static app shell stays. */
export const FIELD_DATA_CACHE = 'field-data-v1';
export const OFFLINE_PACKAGE_KEY = 'field-offline-package';

/**
 * How many outbox items the server has not yet acknowledged. Opened only when the database exists, so a
 * device that never used the outbox does not get one on sign-out.
 */
export async function unsyncedOutboxCount(): Promise<number> {
  if (typeof indexedDB === 'undefined') return 0;
  const names = (await indexedDB.databases?.().catch(() => null)) ?? null;
  if (names && !names.some((entry) => entry.name === 'field-outbox')) return 0;
  const db = await OutboxDb.open();
  try {
    return (await db.items()).filter((item) => item.state !== 'synced').length;
  } finally {
    db.close();
  }
}

/**
 * What a shared phone must not show the next person: the last user's offline package (the data cache and its
 * record) and the acknowledged outbox items. Unsynced items are kept: they are work the server has not got yet,
 * sent on the next sign-in. Done in the page rather than by a `Clear-Site-Data` header: its "cache" type leaves
 * Cache Storage alone, and its "storage" type would wipe IndexedDB with the unsynced work in it.
 */
export async function clearFieldDataForSignOut(): Promise<void> {
  try {
    localStorage.removeItem(OFFLINE_PACKAGE_KEY);
  } catch {
    // no storage in this browser mode: nothing was kept either
  }
  if (typeof caches !== 'undefined') await caches.delete(FIELD_DATA_CACHE).catch(() => false);
  if (typeof indexedDB === 'undefined') return;
  const names = (await indexedDB.databases?.().catch(() => null)) ?? null;
  if (names && !names.some((entry) => entry.name === 'field-outbox')) return;
  const db = await OutboxDb.open();
  try {
    for (const item of await db.items()) if (item.state === 'synced') await db.remove(item);
  } finally {
    db.close();
  }
}
