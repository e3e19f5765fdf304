'use client';

import { enumLabel } from '@/lib/i18n';
import type { LegendEntry } from '@/lib/map/layers/types';
import { useLocale, useT } from './i18n-context';

/** A legend row's swatch: a filled square, a dot or a (dashed) line in the colour the map draws with. */
export function Swatch({ entry }: { entry: LegendEntry }) {
  const style: React.CSSProperties =
    entry.shape === 'line'
      ? entry.dashed
        ? { height: 0, borderTop: `4px dashed ${entry.color}` }
        : { background: entry.color, height: 4, borderRadius: 2 }
      : {
          background: entry.color,
          border: `2px solid ${entry.outline ?? entry.color}`,
          borderRadius: entry.shape === 'circle' ? '50%' : 2,
        };
  return <span className={`swatch swatch-${entry.shape}`} style={style} aria-hidden />;
}

/** The words of a legend row, in the UI language. */
export function useLegendLabel(): (entry: LegendEntry) => string {
  const t = useT();
  const locale = useLocale();
  return (entry) => ('message' in entry.label ? t(entry.label.message) : enumLabel(locale, entry.label.enumGroup, entry.label.code));
}

/** A legend box over a map: what each colour and line style on it means. */
export function MapLegend({ entries, testId }: { entries: readonly LegendEntry[]; testId: string }) {
  const t = useT();
  const label = useLegendLabel();
  return (
    <details className="map-legend" data-testid={testId} open>
      <summary>{t('legend.title')}</summary>
      <ul>
        {entries.map((entry) => (
          <li key={label(entry)}>
            <Swatch entry={entry} />
            {label(entry)}
          </li>
        ))}
      </ul>
    </details>
  );
}
