'use client';

import { useEffect, useState } from 'react';

/**
 * Registers the service worker that lets the field pages open without a signal, and asks the browser to keep
 * this site's storage (the outbox) rather than clear it when space runs low. Answers whether that was granted.
 */
export function useOfflineStart(): { persisted: boolean | null } {
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
    if (navigator.storage?.persist) {
      void navigator.storage
        .persisted()
        .then((already) => (already ? true : navigator.storage.persist()))
        .then(setPersisted)
        .catch(() => setPersisted(false));
    } else {
      setPersisted(false);
    }
  }, []);
  return { persisted };
}
