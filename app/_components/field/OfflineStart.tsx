'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bbox } from '@/lib/geo';
import { offlineMapUrls } from '@/lib/map/offline-urls';
import { PLATE_RECORDS_URL } from './PlateSheet';

/** The offline package as last kept: its size, when, and how many of its URLs could not be fetched. */
export interface OfflinePackage {
  bytes: number;
  kept: number;
  failed: number;
  updatedAt: string;
}

const PACKAGE_KEY = 'field-offline-package';
/** The page's own requests are listed once none has started for this long (the map's first tiles included). */
const QUIET_MS = 1500;
const QUIET_LIMIT_MS = 20_000;

function storedPackage(): OfflinePackage | null {
  try {
    return JSON.parse(localStorage.getItem(PACKAGE_KEY) ?? 'null') as OfflinePackage | null;
  } catch {
    return null;
  }
}

/** Resolves once the page has made no new request for QUIET_MS (at most QUIET_LIMIT_MS). */
function pageSettled(): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, QUIET_MS);
    const limit = setTimeout(done, QUIET_LIMIT_MS);
    const observer = new PerformanceObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, QUIET_MS);
    });
    observer.observe({ type: 'resource' });
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(limit);
      resolve();
    }
  });
}

/** The page, its scripts and its data as loaded so far (some before the service worker controlled the page). */
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

/** Hands the worker URLs to keep; answers what it kept. */
async function keepUrls(urls: string[]): Promise<Omit<OfflinePackage, 'updatedAt'>> {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) throw new Error('no active service worker');
  const channel = new MessageChannel();
  const answered = new Promise<Omit<OfflinePackage, 'updatedAt'>>((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
  });
  worker.postMessage({ type: 'keep', urls }, [channel.port2]);
  return answered;
}

/**
 * Registers the service worker that lets the field pages open without a signal and keeps the offline package:
 * the page as loaded plus the map data and house-plate records of the user's villages. Asks the browser to keep this site's storage
 * (the outbox and the package) rather than clear it when space runs low, and answers whether that was granted.
 */
export function useOfflineStart(villageBoxes: readonly Bbox[]): {
  persisted: boolean | null;
  offlinePackage: OfflinePackage | null;
  updating: boolean;
  updatePackage(): Promise<void>;
} {
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [offlinePackage, setPackage] = useState<OfflinePackage | null>(null);
  const [updating, setUpdating] = useState(false);
  // The villages come from the page's props and do not change while it is open; the package is kept once per start.
  const boxes = useRef(villageBoxes);

  const updatePackage = useCallback(async () => {
    setUpdating(true);
    try {
      await pageSettled();
      const urls = [...loadedUrls(), ...offlineMapUrls(boxes.current), PLATE_RECORDS_URL].map(
        (href) => new URL(href, window.location.origin).href,
      );
      const tally = await keepUrls([...new Set(urls)]);
      const kept = { ...tally, updatedAt: new Date().toISOString() };
      localStorage.setItem(PACKAGE_KEY, JSON.stringify(kept));
      setPackage(kept);
      document.documentElement.dataset.offlineReady = 'true';
    } finally {
      setUpdating(false);
    }
  }, []);

  useEffect(() => {
    setPackage(storedPackage());
    if ('serviceWorker' in navigator) {
      void navigator.serviceWorker
        .register('/sw.js', { scope: '/' })
        // Started without a signal: the package kept before is what there is; trying now would only fail.
        .then(() => (navigator.onLine ? updatePackage() : undefined))
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
  }, [updatePackage]);
  return { persisted, offlinePackage, updating, updatePackage };
}
