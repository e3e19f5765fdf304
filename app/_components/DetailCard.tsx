'use client';

import type { MessageKey } from '@/lib/i18n';
import { passageTitle } from '@/lib/i18n/passage-title';
import { formatField } from '@/lib/map/format-field';
import type { LayerName } from '@/lib/map/layer-names';
import { layerDefinition } from '@/lib/map/layers';
import { useLocale, useT } from './i18n-context';

export interface DetailCardProps {
  layer: LayerName;
  feature: GeoJSON.Feature | null;
  villageNames: Record<string, string>;
  onClose(): void;
}

/**
 * The clicked feature's attributes with Chinese labels. Every value is rendered as a React text node:
 * names and notes are untrusted and must never become markup.
 */
export function DetailCard({ layer, feature, villageNames, onClose }: DetailCardProps) {
  const t = useT();
  const locale = useLocale();
  const definition = layerDefinition(layer);
  const properties = feature?.properties ?? {};
  const name =
    layer === 'passages' && typeof properties.code === 'string'
      ? passageTitle(locale, { name: properties.name, code: properties.code, class: properties.class })
      : (properties[definition.nameProperty] ?? properties.code);
  const village = typeof properties.village_code === 'string' && layer !== 'villages' ? villageNames[properties.village_code] : null;

  return (
    <aside className="detail-card" data-testid="detail-card" aria-live="polite">
      <header>
        <div>
          <div className="detail-layer">{t(definition.title)}</div>
          <h3 data-testid="detail-title">{feature ? String(name ?? '') : t('card.loading')}</h3>
          {village && <div className="detail-village">{village}</div>}
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={t('card.close')} data-testid="detail-close">
          ×
        </button>
      </header>
      {feature && (
        <dl>
          {definition.detailFields.map((field) => (
            <div key={field.property} className="detail-row">
              <dt>{t(`field.${field.property}` as MessageKey)}</dt>
              <dd data-testid={`detail-${field.property}`}>{formatField(properties[field.property], field.format, locale)}</dd>
            </div>
          ))}
        </dl>
      )}
    </aside>
  );
}
