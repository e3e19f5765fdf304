import { type ArchiveAuthor, archivedItem, writeOutboxArchive } from './outbox-archive';
import { OutboxDb } from './outbox-db';
import { sendItem } from './outbox-send';
import type { OutboxItem, OutboxKind, OutboxPhotoKind, OutboxTarget } from './outbox-types';
import { preparePhoto } from './photo-prepare';

/** Retries wait 2 s, 4 s, 8 s … up to 5 minutes. */
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
export const retryDelayMs = (attempts: number) => Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));

export interface SyncProgress {
  running: boolean;
  /** Items sent in this run, of how many. */
  done: number;
  total: number;
  lastRunAt: number | null;
}

export interface NewAction {
  kind: OutboxKind;
  hazardId: number | null;
  target?: OutboxTarget;
  label: string;
  body: Record<string, unknown> | null;
  photos: { file: Blob; kind: OutboxPhotoKind }[];
}

type Listener = () => void;

/**
 * The field outbox: every change a field user makes is stored here first (IndexedDB, with its photos) and sent
 * from here, in order, until the server has acknowledged all of it. Nothing leaves before it shows 已同步.
 */
export class Outbox {
  private items: OutboxItem[] = [];
  private listeners = new Set<Listener>();
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  progress: SyncProgress = { running: false, done: 0, total: 0, lastRunAt: null };

  private constructor(
    private readonly db: OutboxDb,
    private readonly user: ArchiveAuthor,
  ) {}

  /** The outbox of `user`: another user's items on the same phone stay stored, but are neither shown nor sent. */
  static async open(user: ArchiveAuthor): Promise<Outbox> {
    const outbox = new Outbox(await OutboxDb.open(), user);
    outbox.items = (await outbox.db.items()).filter((item) => (item.userId ?? user.id) === user.id);
    // A page closed mid-send left its item "syncing": it is simply pending again.
    for (const item of outbox.items) if (item.state === 'syncing') item.state = 'pending';
    return outbox;
  }

  list(): readonly OutboxItem[] {
    return this.items;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    this.items = [...this.items];
    for (const listener of this.listeners) listener();
  }

  private async save(item: OutboxItem) {
    await this.db.put(item);
    this.items = this.items.map((existing) => (existing.id === item.id ? { ...item } : existing));
    this.changed();
  }

  /** Stores an action (its photos shrunk and hashed first) and returns it; sending is `sync`'s job. */
  async add(action: NewAction): Promise<OutboxItem> {
    const id = crypto.randomUUID();
    const blobs = new Map<string, Blob>();
    const photos = [];
    for (const [index, photo] of action.photos.entries()) {
      const prepared = await preparePhoto(photo.file);
      const key = `${id}.p${index}`;
      blobs.set(key, prepared.blob);
      photos.push({
        key,
        kind: photo.kind,
        sha256: prepared.sha256,
        byteSize: prepared.blob.size,
        width: prepared.width,
        height: prepared.height,
      });
    }
    const item: OutboxItem = {
      id,
      userId: this.user.id,
      kind: action.kind,
      hazardId: action.hazardId,
      ...(action.target ? { target: action.target } : {}),
      label: action.label,
      body: action.body,
      photos,
      state: 'pending',
      createdAt: Date.now(),
      attempts: 0,
      nextAttemptAt: 0,
      error: null,
      rebase: 0,
      mainDone: false,
      photoAcks: {},
      conflict: null,
    };
    await this.db.add(item, blobs);
    this.items = [...this.items, item];
    this.changed();
    return item;
  }

  get(id: string): OutboxItem | undefined {
    return this.items.find((item) => item.id === id);
  }

  /**
   * Sends every item that is due, one at a time in the order they were made. `now` (start, back online, page
   * shown again, the button) also sends failed ones and those still waiting out their back-off. Asked while a run
   * is going, it answers once the run after it is through.
   */
  sync(now = true): Promise<void> {
    if (this.running) {
      // One more run after this one, shared by everyone who asks meanwhile.
      this.next ??= this.running.then(() => {
        this.next = null;
        return this.sync(true);
      });
      return this.next;
    }
    this.running = this.run(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(now: boolean) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ready = this.items.filter(
      (item) => (item.state === 'pending' && (now || item.nextAttemptAt <= Date.now())) || (now && item.state === 'failed'),
    );
    this.progress = { running: true, done: 0, total: ready.length, lastRunAt: Date.now() };
    this.changed();
    // A later action on a hazard waits while an earlier one on it is not through (a step after its photo).
    const blocked = new Set<number>();
    let anySynced = false;
    let anyUnreached = false;
    for (const original of ready) {
      const item = { ...original, photoAcks: { ...original.photoAcks } };
      if (item.hazardId !== null && blocked.has(item.hazardId)) continue;
      await this.save({ ...item, state: 'syncing' });
      const outcome = await sendItem(item, {
        fetch: (...args) => fetch(...args),
        photo: (key) => this.db.photo(key),
        save: (i) => this.save({ ...i, state: 'syncing' }),
      });
      if (outcome.kind === 'synced') {
        anySynced = true;
        await this.save({ ...item, state: 'synced', error: null, attempts: item.attempts + 1 });
      } else {
        if (item.hazardId !== null) blocked.add(item.hazardId);
        const attempts = item.attempts + 1;
        if (outcome.kind === 'conflict')
          await this.save({ ...item, state: 'conflict', conflict: outcome.conflict, error: outcome.conflict.message, attempts });
        else if (outcome.kind === 'failed') await this.save({ ...item, state: 'failed', error: outcome.message, attempts });
        else {
          anyUnreached = true;
          await this.save({
            ...item,
            state: 'pending',
            error: outcome.message,
            attempts,
            nextAttemptAt: Date.now() + retryDelayMs(attempts),
          });
        }
      }
      this.progress = { ...this.progress, done: this.progress.done + 1 };
      this.changed();
    }
    this.progress = { ...this.progress, running: false };
    this.changed();
    // Something got through after an earlier item did not (the signal came back mid-run): the network is up,
    // so the ones left behind go again now rather than after their back-off.
    if (anySynced && anyUnreached)
      this.next ??= Promise.resolve().then(() => {
        this.next = null;
        return this.sync(true);
      });
    this.scheduleRetry();
  }

  private scheduleRetry() {
    const waiting = this.items.filter((item) => item.state === 'pending');
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((item) => item.nextAttemptAt));
    this.timer = setTimeout(() => void this.sync(false), Math.max(0, next - Date.now()));
  }

  /** Applies my change again on the server's current version (a new key: it is a new request). */
  async applyAgain(id: string): Promise<void> {
    const item = this.get(id);
    if (!item?.conflict) return;
    const base = Number(item.body?.version);
    const shift = item.conflict.server.version - base;
    const body = { ...(item.body ?? {}), version: item.conflict.server.version };
    await this.save({ ...item, body, rebase: item.rebase + 1, conflict: null, state: 'pending', error: null, nextAttemptAt: 0 });
    // The steps made after it on the same hazard were based on it: they move on by the same number of versions.
    for (const later of this.items) {
      if (later.createdAt < item.createdAt || later.id === id || later.hazardId !== item.hazardId) continue;
      if (later.mainDone || later.state === 'synced' || typeof later.body?.version !== 'number') continue;
      await this.save({ ...later, body: { ...later.body, version: later.body.version + shift } });
    }
    await this.sync(true);
  }

  /** Drops my change; the server's state stays as it is. */
  async discard(id: string): Promise<void> {
    const item = this.get(id);
    if (!item) return;
    await this.db.remove(item);
    this.items = this.items.filter((existing) => existing.id !== id);
    this.changed();
  }

  /**
   * The whole outbox with its photos as one zip, for when this phone cannot sync: the office imports it through
   * the same requests and keys, so what already arrived is not written twice.
   */
  async exportArchive(): Promise<Blob> {
    const photos = new Map<string, Uint8Array>();
    for (const item of this.items) {
      for (const photo of item.photos) {
        const blob = await this.db.photo(photo.key);
        if (blob) photos.set(photo.key, new Uint8Array(await blob.arrayBuffer()));
      }
    }
    const bytes = writeOutboxArchive({
      author: this.user,
      exportedAt: new Date().toISOString(),
      items: this.items.map(archivedItem),
      photos,
    });
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
  }

  /** Removes what the server has acknowledged in full, photos and all. */
  async clearSynced(): Promise<void> {
    for (const item of this.items.filter((i) => i.state === 'synced')) await this.db.remove(item);
    this.items = this.items.filter((item) => item.state !== 'synced');
    this.changed();
  }
}
