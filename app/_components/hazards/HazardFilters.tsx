'use client';

import { useEffect, useState } from 'react';
import type { VillageSummary } from '@/db/queries/villages';
import { HAZARD_CATEGORIES, PLACE_TYPES, SEVERITIES } from '@/lib/domain/enums';
import { DEFAULT_FILTER, type HazardFilterState, hasFilter } from '@/lib/hazards/url-state';
import { enumLabel } from '@/lib/i18n';
import { DateField } from '../DateField';
import { useLocale, useT } from '../i18n-context';
import type { MapMode } from './hazard-map';

export interface HazardFiltersProps {
  villages: VillageSummary[];
  filter: HazardFilterState;
  onChange(filter: HazardFilterState): void;
  mode: MapMode;
  onMode(mode: MapMode): void;
  radiusM: number;
  onRadius(radiusM: number): void;
  onFitVillages(codes: string[]): void;
}

type ListField = 'villages' | 'categories' | 'placeTypes' | 'severities';

/** Chips that toggle codes in one of the filter's lists. */
function ChipGroup({
  field,
  codes,
  label,
  filter,
  onChange,
  testId,
}: {
  field: ListField;
  codes: readonly { code: string; label: string }[];
  label: string;
  filter: HazardFilterState;
  onChange(filter: HazardFilterState): void;
  testId: string;
}) {
  const selected = filter[field];
  const toggle = (code: string) =>
    onChange({ ...filter, [field]: selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code] });
  return (
    <fieldset className="hz-fieldset" data-testid={testId}>
      <legend>{label}</legend>
      <div className="village-chips">
        {codes.map(({ code, label: text }) => (
          <button
            key={code}
            type="button"
            className={`chip${selected.includes(code) ? ' chip-on' : ''}`}
            aria-pressed={selected.includes(code)}
            onClick={() => toggle(code)}
            data-testid={`${testId}-${code}`}
          >
            {text}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

/** The list's filters: villages, area on the map, codes, overdue and due dates, found dates, text. */
export function HazardFilters({ villages, filter, onChange, mode, onMode, radiusM, onRadius, onFitVillages }: HazardFiltersProps) {
  const t = useT();
  const locale = useLocale();
  const [text, setText] = useState(filter.q);
  useEffect(() => setText(filter.q), [filter.q]);
  // Typing filters after a short pause, not on every key.
  useEffect(() => {
    if (text.trim() === filter.q) return;
    const timer = setTimeout(() => onChange({ ...filter, q: text.trim() }), 400);
    return () => clearTimeout(timer);
  }, [text, filter, onChange]);

  const labels = (group: string, codes: readonly string[]) => codes.map((code) => ({ code, label: enumLabel(locale, group, code) }));
  const areaSet = filter.within !== null || filter.near !== null;

  return (
    <aside className="hz-filters side-panel" aria-label={t('hz.filters')} data-testid="hazard-filters">
      <label className="field">
        <span>{t('hz.search')}</span>
        <input
          type="search"
          value={text}
          maxLength={50}
          placeholder={t('hz.searchHint')}
          onChange={(e) => setText(e.target.value)}
          data-testid="filter-q"
        />
      </label>

      <ChipGroup
        field="villages"
        codes={villages.map((v) => ({ code: v.code, label: v.name }))}
        label={t('hz.villages')}
        filter={filter}
        testId="filter-village"
        onChange={(next) => {
          onChange(next);
          onFitVillages(next.villages);
        }}
      />

      <fieldset className="hz-fieldset" data-testid="filter-area">
        <legend>
          {t('hz.area')}
          {areaSet && (
            <span className="hz-area-on" data-testid="area-active">
              {filter.within ? t('hz.areaDrawn') : t('hz.areaNear')}
            </span>
          )}
        </legend>
        <div className="hz-area-buttons">
          <button
            type="button"
            className={`chip${mode === 'draw-polygon' ? ' chip-on' : ''}`}
            onClick={() => onMode(mode === 'draw-polygon' ? 'browse' : 'draw-polygon')}
            data-testid="draw-polygon"
          >
            ⬠ {t('hz.drawPolygon')}
          </button>
          <button
            type="button"
            className={`chip${mode === 'draw-rectangle' ? ' chip-on' : ''}`}
            onClick={() => onMode(mode === 'draw-rectangle' ? 'browse' : 'draw-rectangle')}
            data-testid="draw-rectangle"
          >
            ▭ {t('hz.drawRectangle')}
          </button>
        </div>
        <div className="hz-near">
          <button
            type="button"
            className={`chip${mode === 'near' ? ' chip-on' : ''}`}
            onClick={() => onMode(mode === 'near' ? 'browse' : 'near')}
            data-testid="pick-near"
          >
            ◎ {t('hz.nearPick')}
          </button>
          <label>
            <input
              type="number"
              min={10}
              max={10000}
              step={10}
              value={radiusM}
              onChange={(e) => onRadius(Number(e.target.value) || 200)}
              data-testid="near-radius"
              aria-label={t('hz.radius')}
            />
            {t('hz.metres')}
          </label>
        </div>
        {areaSet && (
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ ...filter, within: null, near: null, radiusM: null })}
            data-testid="area-clear"
          >
            ✕ {t('hz.areaClear')}
          </button>
        )}
      </fieldset>

      <ChipGroup
        field="categories"
        codes={labels('category', HAZARD_CATEGORIES)}
        label={t('hz.category')}
        filter={filter}
        onChange={onChange}
        testId="filter-category"
      />
      <ChipGroup
        field="placeTypes"
        codes={labels('place_type', PLACE_TYPES)}
        label={t('hz.placeType')}
        filter={filter}
        onChange={onChange}
        testId="filter-place-type"
      />
      <ChipGroup
        field="severities"
        codes={labels('severity', SEVERITIES)}
        label={t('hz.severity')}
        filter={filter}
        onChange={onChange}
        testId="filter-severity"
      />

      <fieldset className="hz-fieldset">
        <legend>{t('hz.deadline')}</legend>
        <label className="hz-check">
          <input
            type="checkbox"
            checked={filter.overdue}
            onChange={(e) => onChange({ ...filter, overdue: e.target.checked })}
            data-testid="filter-overdue"
          />
          {t('hz.overdueOnly')}
        </label>
        <label className="hz-inline">
          {t('hz.dueWithin')}
          <input
            type="number"
            min={0}
            max={3650}
            value={filter.dueWithinDays ?? ''}
            placeholder="—"
            onChange={(e) => onChange({ ...filter, dueWithinDays: e.target.value === '' ? null : e.target.value })}
            data-testid="filter-due-within"
          />
          {t('hz.days')}
        </label>
      </fieldset>

      <fieldset className="hz-fieldset">
        <legend>{t('hz.foundRange')}</legend>
        <div className="hz-dates">
          <span>{t('hz.from')}</span>
          <DateField
            optional
            value={filter.foundFrom ?? ''}
            label={t('hz.foundFrom')}
            onChange={(value) => onChange({ ...filter, foundFrom: value || null })}
            testId="filter-found-from"
          />
        </div>
        <div className="hz-dates">
          <span>{t('hz.to')}</span>
          <DateField
            optional
            value={filter.foundTo ?? ''}
            label={t('hz.foundTo')}
            onChange={(value) => onChange({ ...filter, foundTo: value || null })}
            testId="filter-found-to"
          />
        </div>
      </fieldset>

      {hasFilter(filter) && (
        <button
          type="button"
          className="secondary hz-clear-all"
          onClick={() => {
            setText('');
            onChange(DEFAULT_FILTER);
          }}
          data-testid="filter-clear-all"
        >
          {t('hz.clearAll')}
        </button>
      )}
    </aside>
  );
}
