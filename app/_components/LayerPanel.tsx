'use client';

import type { LayerName } from '@/lib/map/layer-names';
import { type BuildingColorMode, MAP_LAYERS, type StyleOptions } from '@/lib/map/layers';
import { useLocale, useT } from './i18n-context';
import { Swatch, useLegendLabel } from './MapLegend';

export interface LayerPanelProps {
  visible: ReadonlySet<LayerName>;
  counts: Record<string, number> | null;
  styleOptions: StyleOptions;
  onToggle(layer: LayerName, visible: boolean): void;
  onColorMode(mode: BuildingColorMode): void;
}

/** Layer toggles with a legend for every layer and live counts for the current view. */
export function LayerPanel({ visible, counts, styleOptions, onToggle, onColorMode }: LayerPanelProps) {
  const t = useT();
  const locale = useLocale();
  const label = useLegendLabel();

  return (
    <section className="panel-section" aria-label={t('panel.layers')}>
      <ul className="layer-list">
        {[...MAP_LAYERS].reverse().map((layer) => (
          <li key={layer.id} className="layer-item" data-testid={`layer-${layer.id}`}>
            <label className="layer-toggle">
              <input
                type="checkbox"
                checked={visible.has(layer.id)}
                onChange={(event) => onToggle(layer.id, event.target.checked)}
                data-testid={`toggle-${layer.id}`}
              />
              <span className="layer-title">{t(layer.title)}</span>
              <span className="layer-count" data-testid={`count-${layer.id}`} title={t('panel.inView')}>
                {counts ? (counts[layer.id] ?? 0).toLocaleString(locale) : '…'}
              </span>
            </label>
            {layer.id === 'buildings' && (
              <div className="color-mode" role="radiogroup" aria-label={t('panel.buildingColor')}>
                {(['use', 'fire_grade'] as const).map((mode) => (
                  <label key={mode}>
                    <input
                      type="radio"
                      name="building-color"
                      checked={styleOptions.buildingColorMode === mode}
                      onChange={() => onColorMode(mode)}
                      data-testid={`color-${mode}`}
                    />
                    {t(mode === 'use' ? 'panel.byUse' : 'panel.byGrade')}
                  </label>
                ))}
              </div>
            )}
            {visible.has(layer.id) && (
              <ul className="legend">
                {layer.legend(styleOptions).map((entry) => (
                  <li key={label(entry)}>
                    <Swatch entry={entry} />
                    {label(entry)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
