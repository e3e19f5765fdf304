import type { LegendPayload } from 'recharts';

/**
 * The charts' legends: a swatch and the series name. Drawn by the screen itself, since recharts' own legend
 * names each icon "… legend icon" in English for screen readers.
 */
export function renderScreenLegend({ payload, iconSize }: { payload?: readonly LegendPayload[]; iconSize: number }) {
  return (
    <ul className="screen-legend">
      {(payload ?? [])
        .filter((entry) => entry.type !== 'none')
        .map((entry) => (
          <li key={String(entry.value)}>
            <span
              aria-hidden
              className={entry.type === 'line' ? 'screen-legend-line' : 'screen-legend-box'}
              style={{ background: entry.color, width: iconSize, height: entry.type === 'line' ? Math.max(2, iconSize / 5) : iconSize }}
            />
            <span style={{ color: entry.color }}>{entry.value}</span>
          </li>
        ))}
    </ul>
  );
}
