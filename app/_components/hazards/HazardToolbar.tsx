'use client';

import { HAZARD_STATUSES, OPEN_HAZARD_STATUSES } from '@/lib/domain/enums';
import { exportHref, type HazardFilterState } from '@/lib/hazards/url-state';
import { HAZARD_STATUS_COLORS } from '@/lib/map/layers';
import { OutboxButton } from '../field/OutboxPanel';
import { useLocale, useT } from '../i18n-context';
import type { HazardList } from './types';

export interface HazardToolbarProps {
  filter: HazardFilterState;
  list: HazardList | null;
  canReport: boolean;
  canVerify: boolean;
  filtersOpen: boolean;
  onToggleFilters(): void;
  onStatus(statuses: string[]): void;
  onCreate(): void;
  onImport(): void;
  onOutbox(): void;
  /** The office imports a phone's exported outbox; absent for everyone else. */
  onImportOutbox?(): void;
}

/** Title, status tabs with counts under the current filter, and the page's actions (new, export, import). */
export function HazardToolbar({
  filter,
  list,
  canReport,
  canVerify,
  filtersOpen,
  onToggleFilters,
  onStatus,
  onCreate,
  onImport,
  onOutbox,
  onImportOutbox,
}: HazardToolbarProps) {
  const t = useT();
  const locale = useLocale();
  const counts = list?.by_status ?? {};
  const count = (n: number | undefined) => (list ? (n ?? 0).toLocaleString(locale) : '…');
  const all = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const open = OPEN_HAZARD_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  const hasAll = (statuses: readonly string[]) =>
    statuses.length === filter.statuses.length && statuses.every((status) => filter.statuses.includes(status));
  const tabs: { id: string; label: string; statuses: string[]; n: number; on: boolean }[] = [
    // 全部 names every status: a URL without one means the default, open hazards.
    {
      id: 'all',
      label: t('hz.tab.all'),
      statuses: [...HAZARD_STATUSES],
      n: all,
      on: filter.statuses.length === 0 || hasAll(HAZARD_STATUSES),
    },
    { id: 'open', label: t('hz.tab.open'), statuses: [...OPEN_HAZARD_STATUSES], n: open, on: hasAll(OPEN_HAZARD_STATUSES) },
    ...HAZARD_STATUSES.map((status) => ({
      id: status,
      label: t(`enum.hazard_status.${status}`),
      statuses: [status],
      n: counts[status] ?? 0,
      on: filter.statuses.length === 1 && filter.statuses[0] === status,
    })),
  ];

  return (
    <div className="hz-toolbar">
      <button
        type="button"
        className={`hz-filter-toggle${filtersOpen ? ' on' : ''}`}
        onClick={onToggleFilters}
        aria-pressed={filtersOpen}
        data-testid="toggle-filters"
        title={t('hz.filters')}
      >
        ☰ {t('hz.filters')}
      </button>
      <h2 className="hz-title">{t('hz.title')}</h2>
      <div className="hz-tabs" role="tablist" data-testid="status-tabs">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            aria-selected={tab.on}
            className={`hz-tab${tab.on ? ' on' : ''}`}
            onClick={() => onStatus(tab.statuses)}
            data-testid={`status-tab-${tab.id}`}
          >
            {tab.id in HAZARD_STATUS_COLORS && (
              <i className="hz-dot" style={{ background: HAZARD_STATUS_COLORS[tab.id as keyof typeof HAZARD_STATUS_COLORS] }} />
            )}
            {tab.label}
            <span className="hz-tab-count" data-testid={`status-count-${tab.id}`}>
              {count(tab.n)}
            </span>
          </button>
        ))}
      </div>
      <div className="hz-actions">
        <span className="hz-export" data-testid="export-links">
          <span className="hz-export-label">{t('hz.export')}</span>
          {(['xlsx', 'csv', 'geojson'] as const).map((format) => (
            <a
              key={format}
              href={exportHref(filter, format)}
              download
              data-testid={`export-${format}`}
              className="hz-export-link"
              title={`${t('hz.export')} ${format === 'geojson' ? 'GeoJSON' : format.toUpperCase()}`}
            >
              {format === 'geojson' ? 'GeoJSON' : format.toUpperCase()}
            </a>
          ))}
        </span>
        {canVerify && (
          <button type="button" className="secondary" onClick={onImport} data-testid="import-open">
            {t('hz.import')}
          </button>
        )}
        {onImportOutbox && (
          <button type="button" className="secondary" onClick={onImportOutbox} data-testid="outbox-import-open">
            {t('field.importOpen')}
          </button>
        )}
        {canReport && <OutboxButton onOpen={onOutbox} />}
        {canReport && (
          <button type="button" className="primary" onClick={onCreate} data-testid="hazard-new">
            ＋ {t('hz.new')}
          </button>
        )}
      </div>
    </div>
  );
}
