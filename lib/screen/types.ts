import type { ScreenStats } from './screen-stats';

/** What GET /api/v1/stats/screen answers. */
export type ScreenStatsResponse = ScreenStats & { demo_data: boolean; generated_at: string };

/** Stops of the tour: the town (''), then every village. */
export function tourStops(villageCodes: readonly string[], fixedVillage: string | null): string[] {
  return fixedVillage ? [fixedVillage] : ['', ...villageCodes];
}

/** `?tour=<seconds>`: 5–3600, default 20; 0 = no tour (stays on the town). */
export function parseTourSeconds(value: string | undefined): number {
  if (value === undefined || value === '') return 20;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) return 20;
  if (n === 0) return 0;
  return Math.min(3600, Math.max(5, Math.round(n)));
}

export const percent = (share: number | null | undefined, digits = 1) =>
  share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`;
