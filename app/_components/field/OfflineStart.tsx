'use client';

import { useEffect, useState } from 'react';

/** What the page loaded before the service worker controlled it: the page itself, its scripts and its data. */
function loadedUrls(): string[] {
  const resources = performance.getEntriesByType('resource').map((entry) => entry.name);
  const kept = resources.filter((href) => {
    const url = new URL(href);
    return (
      url.origin === window.location.origin &&
      (url.pathname.startsWith('/_next/static/') || url.pathname.startsWith('/api/v1/') || url.pathname === '/maplibre-gl-worker.mjs')
    );
  });
  return [window.location.href, ...new Set(kept)];
}

/** Hands the worker the first visit's URLs to keep; marks the document once they are kept (scripts wait on it). */
async function keepFirstVisit(): Promise<void> {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return;
  const channel = new MessageChannel();
  const answered = new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve();
  });
  worker.postMessage({ type: 'keep', urls: loadedUrls() }, [channel.port2]);
  await answered;
  document.documentElement.dataset.offlineReady = 'true';
}

/**
 * Registers the service worker that lets the field pages open without a signal, and asks the browser to keep
 * this site's storage (the outbox) rather than clear it when space runs low. Answers whether that was granted.
 */
export function useOfflineStart(): { persisted: boolean | null } {
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    if ('serviceWorker' in navigator) {
      void navigator.serviceWorker
        .register('/sw.js', { scope: '/' })
        .then(() => keepFirstVisit())
        .catch(() => {});
    }
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
