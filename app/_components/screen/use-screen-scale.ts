'use client';

import { useEffect, useState } from 'react';

/**
 * Pixels per 1 % of the viewport width: charts size their text and strokes from it, so the screen reads the same
 * from across the room at 1920×1080 and at 3840×2160.
 */
export function useScreenScale(): number {
  const [vw, setVw] = useState(19.2);
  useEffect(() => {
    const update = () => setVw(window.innerWidth / 100);
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return vw;
}

/**
 * The smallest text on the screen, in % of the viewport width: 18.4 px at 1920 wide, readable from 3 m; chart ticks and
 * legends use it like the CSS does.
 */
export const SMALL_TEXT_VW = 0.96;

/** Dark-theme colours shared by the panels. */
export const SCREEN_COLORS = {
  text: '#d8e6f3',
  muted: '#7f9bb5',
  grid: '#1f3a55',
  cyan: '#29b6f6',
  green: '#43a047',
  amber: '#ffb300',
  red: '#ef5350',
  deepRed: '#d50000',
  violet: '#9575cd',
  grey: '#546e7a',
} as const;
