'use client';

import { useEffect, useState } from 'react';
import type { LegendPayload } from 'recharts';
import { renderScreenLegend } from './ScreenLegend';

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

/** Tick marks and their gap to the text, scaled like the text (recharts' defaults are fixed pixels). */
export const axisSizes = (vw: number) => ({ tickSize: 0.3 * vw, tickMargin: 0.2 * vw });

/** A horizontal axis also needs the height of its text (recharts reserves a fixed 30 px). */
export const xAxisSizes = (vw: number) => ({ ...axisSizes(vw), height: 1.7 * vw });

/** A chart legend in the smallest text, its swatches scaled to match. */
export const legendProps = (vw: number) => ({
  wrapperStyle: { fontSize: SMALL_TEXT_VW * vw, color: SCREEN_COLORS.text, lineHeight: 1.3 },
  iconSize: 0.75 * vw,
  content: (props: { payload?: readonly LegendPayload[] }) => renderScreenLegend({ payload: props.payload, iconSize: 0.75 * vw }),
});

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
