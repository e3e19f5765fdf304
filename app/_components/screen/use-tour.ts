'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** After an interaction the tour waits this long before moving on by itself. */
export const RESUME_AFTER_MS = 60_000;

/**
 * The automatic tour: every `seconds` it moves to the next stop; any pointer, wheel or key interaction pauses it
 * (it resumes after a minute without interaction, or with `resume`). Arrow keys step by hand. `seconds` 0 or a
 * single stop: no tour.
 */
export function useTour(stops: readonly string[], seconds: number) {
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const lastInteraction = useRef(0);
  const touring = seconds > 0 && stops.length > 1;

  const step = useCallback((by: number) => setIndex((i) => (i + by + stops.length) % stops.length), [stops.length]);

  useEffect(() => {
    if (!touring) return;
    const pause = () => {
      lastInteraction.current = Date.now();
      setPaused(true);
    };
    const onKey = (event: KeyboardEvent) => {
      pause();
      if (event.key === 'ArrowRight') step(1);
      if (event.key === 'ArrowLeft') step(-1);
    };
    window.addEventListener('pointerdown', pause);
    window.addEventListener('wheel', pause, { passive: true });
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', pause);
      window.removeEventListener('wheel', pause);
      window.removeEventListener('keydown', onKey);
    };
  }, [touring, step]);

  useEffect(() => {
    if (!touring) return;
    const timer = setInterval(() => {
      if (Date.now() - lastInteraction.current < RESUME_AFTER_MS) return;
      setPaused(false);
      step(1);
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [touring, seconds, step]);

  const resume = useCallback(() => {
    lastInteraction.current = 0;
    setPaused(false);
  }, []);

  return { current: stops[index] ?? '', index, paused, touring, resume };
}
