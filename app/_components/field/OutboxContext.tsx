'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useState } from 'react';
import { type NewAction, Outbox, type SyncProgress } from '@/lib/field/outbox';
import type { ArchiveAuthor } from '@/lib/field/outbox-archive';
import type { OutboxItem } from '@/lib/field/outbox-types';
import type { Bbox } from '@/lib/geo';
import { type OfflinePackage, useOfflineStart } from './OfflineStart';

export interface FieldOutbox {
  /** Whose outbox it is: the signed-in user. */
  user: ArchiveAuthor;
  /** Null until IndexedDB has opened (or when the browser has none: `unavailable`). */
  outbox: Outbox | null;
  unavailable: boolean;
  /** Whether the browser keeps this site's storage; null until it has answered. */
  persisted: boolean | null;
  items: readonly OutboxItem[];
  progress: SyncProgress;
  /** Stores the action, sends what is due and answers the item as it stands after that attempt. */
  submit(action: NewAction): Promise<OutboxItem>;
  /** The map data and pages kept on the phone for use without a signal; null until first kept. */
  offlinePackage: OfflinePackage | null;
  updatingPackage: boolean;
  updatePackage(): Promise<void>;
}

const IDLE: SyncProgress = { running: false, done: 0, total: 0, lastRunAt: null };
const OutboxContext = createContext<FieldOutbox | null>(null);

/**
 * Opens the outbox for the page and syncs it on start, when the phone is back online and when the page is shown
 * again; the panel's button syncs on demand.
 */
export function OutboxProvider({
  user,
  villages,
  children,
}: {
  user: ArchiveAuthor;
  villages: readonly { bbox: Bbox }[];
  children: React.ReactNode;
}) {
  const { id: userId, username } = user;
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const { persisted, offlinePackage, updating: updatingPackage, updatePackage } = useOfflineStart(villages.map((village) => village.bbox));

  useEffect(() => {
    let gone = false;
    let unsubscribe = () => {};
    const syncNow = () => void outboxRef?.sync(true);
    let outboxRef: Outbox | null = null;
    const onVisible = () => {
      if (document.visibilityState === 'visible') syncNow();
    };
    Outbox.open({ id: userId, username })
      .then((opened) => {
        if (gone) return;
        outboxRef = opened;
        unsubscribe = opened.subscribe(changed);
        setOutbox(opened);
        void opened.sync(true);
      })
      .catch(() => setUnavailable(true));
    window.addEventListener('online', syncNow);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      gone = true;
      unsubscribe();
      window.removeEventListener('online', syncNow);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [userId, username]);

  const submit = useCallback(
    async (action: NewAction) => {
      if (!outbox) throw new Error('the outbox is not open');
      const item = await outbox.add(action);
      await outbox.sync(true);
      return outbox.get(item.id) ?? item;
    },
    [outbox],
  );

  const items = outbox?.list() ?? [];
  const progress = outbox?.progress ?? IDLE;
  const value = useMemo(
    () => ({ user, outbox, unavailable, persisted, items, progress, submit, offlinePackage, updatingPackage, updatePackage }),
    [user, outbox, unavailable, persisted, items, progress, submit, offlinePackage, updatingPackage, updatePackage],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): FieldOutbox {
  const value = useContext(OutboxContext);
  if (!value) throw new Error('useOutbox needs an OutboxProvider');
  return value;
}

/** Nothing of the item reached the server: dropping it loses nothing the user has not still in the form. */
export function untouched(item: OutboxItem): boolean {
  return !item.mainDone && Object.keys(item.photoAcks).length === 0;
}
