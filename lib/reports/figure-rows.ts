import type { PeriodFigures } from '../../db/queries/stats';
import { enumLabel, type MessageKey, translator } from '../i18n';

/** Reports are official documents in Chinese. */
export const t = translator('zh-CN');
export const label = (group: string, code: string) => enumLabel('zh-CN', group, code);

/** The period figures every report shows, in this order, with the same labels in the PDF and the XLSX. */
export const FIGURE_KEYS = [
  'hazardsFound',
  'majorFound',
  'hazardsRectified',
  'openAtEnd',
  'openMajorAtEnd',
  'overdueAtEnd',
  'obstaclesFound',
  'obstaclesCleared',
  'obstaclesOpenAtEnd',
  'passageFixes',
  'drills',
  'drillParticipants',
  'trainings',
  'incidents',
  'deaths',
  'injuries',
  'lossYuan',
] as const satisfies readonly (keyof PeriodFigures)[];
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const figureLabel = (key: FigureKey) => t(`reports.${key}` as MessageKey);

/** A figure as printed: "—" where there is no figure. */
export function figureText(figures: PeriodFigures, key: FigureKey): string {
  const value = figures[key];
  if (value === null) return '—';
  return key === 'lossYuan' ? value.toFixed(0) : String(value);
}

export function figureRows(figures: PeriodFigures): { key: FigureKey; label: string; value: number | null; text: string }[] {
  return FIGURE_KEYS.map((key) => ({ key, label: figureLabel(key), value: figures[key], text: figureText(figures, key) }));
}

export const DEMO_NOTE = '示例数据（合成数据，非实测）';
export const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
