'use client';

import { useEffect, useRef, useState } from 'react';
import type { ScreenStatsResponse } from '@/lib/screen/types';

/**
 * The screen's figures for one stop ('' = the town), refreshed in the background every `refreshSeconds`.
 * The last answer stays on screen while a new one loads (no blank panels, no remounted charts); answers are kept
 * per stop so the tour shows a village at once when it comes round again.
 */
export function useScreenStats(village: string, refreshSeconds: number) {
  const cache = useRef(new Map<string, ScreenStatsResponse>());
  const [stats, setStats] = useState<ScreenStatsResponse | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const cached = cache.current.get(village);
    if (cached) setStats(cached);
    const load = async () => {
      try {
        const response = await fetch(`/api/v1/stats/screen${village ? `?village=${village}` : ''}`, { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as ScreenStatsResponse;
        cache.current.set(village, body);
        if (!cancelled) {
          setStats(body);
          setFailed(false);
        }
      } catch {
        if (!cancelled) setFailed(true);
      }
    };
    void load();
    const timer = setInterval(load, refreshSeconds * 1000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [village, refreshSeconds]);

  // Figures of another stop stay visible until this stop's arrive; callers can tell by `stats.villages`.
  return { stats, failed };
}
