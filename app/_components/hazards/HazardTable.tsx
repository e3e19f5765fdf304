'use client';

import { PAGE_SIZES } from '@/lib/hazards/url-state';
import { enumLabel } from '@/lib/i18n';
import { useLocale, useT } from '../i18n-context';
import type { HazardFeature, HazardList } from './types';

export interface HazardTableProps {
  list: HazardList | null;
  loading: boolean;
  selected: number | null;
  limit: number;
  offset: number;
  onSelect(feature: HazardFeature): void;
  onPage(offset: number, limit: number): void;
}

export function StatusChip({ status }: { status: string }) {
  const locale = useLocale();
  return (
    <span className={`hz-status hz-status-${status}`} data-status={status}>
      {enumLabel(locale, 'hazard_status', status)}
    </span>
  );
}

/** The hazard list: one row per hazard, the selected one highlighted; paging under it. */
export function HazardTable({ list, loading, selected, limit, offset, onSelect, onPage }: HazardTableProps) {
  const t = useT();
  const locale = useLocale();
  const total = list?.total ?? 0;
  const features = list?.features ?? [];
  const last = Math.min(offset + features.length, total);

  return (
    <div className="hz-table-wrap">
      <div className="hz-table-scroll">
        <table className="data-table hz-table" data-testid="hazard-table" aria-busy={loading}>
          <thead>
            <tr>
              <th>{t('hz.code')}</th>
              <th>{t('hz.village')}</th>
              <th>{t('hz.category')}</th>
              <th>{t('hz.severity')}</th>
              <th>{t('hz.status')}</th>
              <th>{t('hz.deadline')}</th>
              <th>{t('hz.responsible')}</th>
            </tr>
          </thead>
          <tbody>
            {features.map((feature) => {
              const p = feature.properties;
              const on = p.id === selected;
              return (
                <tr
                  key={p.id}
                  className={`hz-row${on ? ' selected' : ''}${p.overdue ? ' overdue' : ''}`}
                  aria-selected={on}
                  onClick={() => onSelect(feature)}
                  data-testid={`hazard-row-${p.id}`}
                  data-code={p.code}
                  data-status={p.status}
                  tabIndex={0}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onSelect(feature);
                    }
                  }}
                >
                  <td className="hz-code">{p.code}</td>
                  <td>{p.village_name}</td>
                  <td>{enumLabel(locale, 'category', p.category)}</td>
                  <td>
                    <span className={`hz-sev hz-sev-${p.severity}`}>{enumLabel(locale, 'severity', p.severity)}</span>
                  </td>
                  <td>
                    <StatusChip status={p.status} />
                  </td>
                  <td className="hz-deadline">
                    {p.deadline}
                    {p.closed_on && (
                      <span className="hz-closed-on" data-testid="closed-on" data-date={p.closed_on}>
                        {t('hz.closedShort')} {p.closed_on}
                      </span>
                    )}
                    {p.overdue && (
                      <span className="hz-overdue" data-testid="overdue-badge">
                        {t('hz.overdue')}
                      </span>
                    )}
                  </td>
                  <td>{p.responsible_person ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {!loading && list && features.length === 0 && (
          <div className="hz-empty" data-testid="hazard-empty">
            {t('hz.none')}
          </div>
        )}
        {loading && !list && <div className="hz-empty">{t('hz.loading')}</div>}
      </div>
      <div className="hz-pager" data-testid="hazard-pager">
        <span data-testid="hazard-total" data-total={total}>
          {list
            ? t('hz.range')
                .replace('{from}', String(total === 0 ? 0 : offset + 1))
                .replace('{to}', String(last))
                .replace('{total}', total.toLocaleString(locale))
            : '…'}
        </span>
        {loading && list && <span className="hz-spinner" role="status" aria-label={t('hz.loading')} />}
        <span className="hz-pager-buttons">
          <select value={limit} onChange={(e) => onPage(0, Number(e.target.value))} aria-label={t('hz.pageSize')} data-testid="page-size">
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {t('hz.perPage').replace('{n}', String(size))}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            disabled={offset === 0}
            onClick={() => onPage(Math.max(0, offset - limit), limit)}
            data-testid="page-prev"
          >
            {t('hz.prev')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={last >= total}
            onClick={() => onPage(offset + limit, limit)}
            data-testid="page-next"
          >
            {t('hz.next')}
          </button>
        </span>
      </div>
    </div>
  );
}
