'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** The menu hides itself after this long without pointer movement or keys. */
export const MENU_IDLE_MS = 4000;

/**
 * Whether the wall screen's menu shows: a pointer move or Esc brings it up, and it hides again after a few idle
 * seconds, but never while the pointer rests on it or a link in it has the keyboard focus.
 */
export function useMenuReveal(menu: React.RefObject<HTMLElement | null>) {
  const [shown, setShown] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const hideLater = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(function hideUnlessInUse() {
      const element = menu.current;
      if (element && (element.matches(':hover') || element.contains(document.activeElement))) {
        timer.current = setTimeout(hideUnlessInUse, MENU_IDLE_MS);
        return;
      }
      setShown(false);
    }, MENU_IDLE_MS);
  }, [menu]);

  useEffect(() => {
    const reveal = () => {
      setShown(true);
      hideLater();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' || event.key === 'Tab') reveal();
    };
    window.addEventListener('pointermove', reveal);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointermove', reveal);
      window.removeEventListener('keydown', onKey);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [hideLater]);

  return shown;
}
