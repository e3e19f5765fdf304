import type { OutboxItem } from './outbox-types';

/** The outbox's IndexedDB: items by id, photo Blobs by their key. Plain IndexedDB, no wrapper library. */
const DB_NAME = 'field-outbox';
const DB_VERSION = 1;
const ITEMS = 'items';
const PHOTOS = 'photos';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('outbox transaction aborted'));
  });
}

export class OutboxDb {
  private constructor(private readonly db: IDBDatabase) {}

  static open(): Promise<OutboxDb> {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(ITEMS)) db.createObjectStore(ITEMS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(PHOTOS)) db.createObjectStore(PHOTOS);
    };
    return promised(request).then((db) => new OutboxDb(db));
  }

  /** An item and its photos are stored in one transaction: both or neither. */
  async add(item: OutboxItem, blobs: Map<string, Blob>): Promise<void> {
    const transaction = this.db.transaction([ITEMS, PHOTOS], 'readwrite');
    for (const [key, blob] of blobs) transaction.objectStore(PHOTOS).put(blob, key);
    transaction.objectStore(ITEMS).put(item);
    await done(transaction);
  }

  async put(item: OutboxItem): Promise<void> {
    const transaction = this.db.transaction(ITEMS, 'readwrite');
    transaction.objectStore(ITEMS).put(item);
    await done(transaction);
  }

  async items(): Promise<OutboxItem[]> {
    const all = await promised(this.db.transaction(ITEMS).objectStore(ITEMS).getAll() as IDBRequest<OutboxItem[]>);
    return all.sort((a, b) => a.createdAt - b.createdAt);
  }

  async photo(key: string): Promise<Blob | undefined> {
    return promised(this.db.transaction(PHOTOS).objectStore(PHOTOS).get(key) as IDBRequest<Blob | undefined>);
  }

  close(): void {
    this.db.close();
  }

  /** Removes an item with its photos. */
  async remove(item: OutboxItem): Promise<void> {
    const transaction = this.db.transaction([ITEMS, PHOTOS], 'readwrite');
    for (const photo of item.photos) transaction.objectStore(PHOTOS).delete(photo.key);
    transaction.objectStore(ITEMS).delete(item.id);
    await done(transaction);
  }
}
