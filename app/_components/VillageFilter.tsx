'use client';

import type { VillageSummary } from '@/db/queries/villages';
import { useT } from './i18n-context';

export interface VillageFilterProps {
  villages: VillageSummary[];
  selected: string[];
  onChange(codes: string[]): void;
}

/** Pick one or several villages; none picked means the whole town. */
export function VillageFilter({ villages, selected, onChange }: VillageFilterProps) {
  const t = useT();
  const toggle = (code: string) => onChange(selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code]);
  return (
    <section className="panel-section" aria-label={t('panel.villages')}>
      <h2>
        {t('panel.villages')}
        {selected.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])} data-testid="village-clear">
            {t('panel.clearVillages')}
          </button>
        )}
      </h2>
      <div className="village-chips" data-testid="village-filter">
        <button
          type="button"
          className={`chip ${selected.length === 0 ? 'chip-on' : ''}`}
          onClick={() => onChange([])}
          aria-pressed={selected.length === 0}
        >
          {t('panel.allVillages')}
        </button>
        {villages.map((village) => (
          <button
            type="button"
            key={village.code}
            className={`chip ${selected.includes(village.code) ? 'chip-on' : ''}`}
            onClick={() => toggle(village.code)}
            aria-pressed={selected.includes(village.code)}
            data-testid={`village-${village.code}`}
          >
            {village.name}
          </button>
        ))}
      </div>
    </section>
  );
}
