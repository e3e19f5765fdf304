'use client';

import { useEffect, useState } from 'react';
import type { AuditNames, AuditRow } from '@/db/queries/audit';
import { AUDITED_TABLES, fieldChanges, personLabel, recordLabel, tableLabel } from '@/lib/audit/present';
import { dynamicMessage } from '@/lib/i18n';
import { chinaDateTime } from '@/lib/time';
import { DateField } from '../../_components/DateField';
import { useLocale, useT } from '../../_components/i18n-context';

const PAGE = 50;
const FIELDS = ['actor', 'village', 'table', 'record', 'from', 'to'] as const;
type Field = (typeof FIELDS)[number];

function filtersFromUrl(): Record<Field, string> {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<Field, string>;
}

export function AuditView({ villages }: { villages: { code: string; name: string }[] }) {
  const t = useT();
  const locale = useLocale();
  const [filters, setFilters] = useState<Record<Field, string> | null>(null);
  const [offset, setOffset] = useState(0);
  const [result, setResult] = useState<{ rows: AuditRow[]; total: number; names: AuditNames } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setFilters(filtersFromUrl()), []);

  useEffect(() => {
    if (!filters) return;
    const params = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    for (const field of FIELDS) if (filters[field]) params.set(field, filters[field]);
    const shown = new URLSearchParams(params);
    shown.delete('limit');
    shown.delete('offset');
    window.history.replaceState(null, '', `?${shown}`);
    const abort = new AbortController();
    fetch(`/api/v1/audit?${params}`, { signal: abort.signal })
      .then(async (response) => {
        const body = await response.json();
        if (response.ok) {
          setResult(body);
          setError(null);
        } else setError(body.error);
      })
      .catch(() => {});
    return () => abort.abort();
  }, [filters, offset]);

  if (!filters) return <main className="page-body" />;
  const set = (field: Field, value: string) => {
    setOffset(0);
    setFilters({ ...filters, [field]: value });
  };

  return (
    <main className="page-body" data-testid="audit-view">
      <h2 className="page-title">{t('audit.title')}</h2>
      <div className="filter-bar">
        <label className="field">
          {t('audit.actor')}
          <input value={filters.actor} onChange={(e) => set('actor', e.target.value)} data-testid="audit-actor" />
        </label>
        <label className="field">
          {t('audit.village')}
          <select value={filters.village} onChange={(e) => set('village', e.target.value)}>
            <option value="">—</option>
            {villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('audit.table')}
          <select value={filters.table} onChange={(e) => set('table', e.target.value)} data-testid="audit-table">
            <option value="">—</option>
            {AUDITED_TABLES.map((table) => (
              <option key={table} value={table}>
                {tableLabel(table, locale)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('audit.record')}
          <input value={filters.record} onChange={(e) => set('record', e.target.value)} size={8} />
        </label>
        <div className="field">
          {t('audit.from')}
          <DateField optional value={filters.from} onChange={(value) => set('from', value)} label={t('audit.from')} />
        </div>
        <div className="field">
          {t('audit.to')}
          <DateField optional value={filters.to} onChange={(value) => set('to', value)} label={t('audit.to')} />
        </div>
      </div>
      {error && <p className="error-text">{error}</p>}
      {result && (
        <>
          <p className="muted" data-testid="audit-total">
            {t('audit.total').replace('{n}', String(result.total))}
          </p>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.role')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.table')}</th>
                <th>{t('audit.record')}</th>
                <th>{t('audit.village')}</th>
                <th>{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.id} data-testid="audit-row">
                  <td className="nowrap">{chinaDateTime(row.at, 'second')}</td>
                  <td data-testid="audit-actor-name">
                    {row.actor === 'system' ? t('audit.system') : personLabel(row.actor, result.names)}
                  </td>
                  <td className="nowrap">{row.role ? dynamicMessage(locale, `role.${row.role}`, row.role) : ''}</td>
                  <td className="nowrap">{dynamicMessage(locale, `audit.action.${row.action}`, row.action)}</td>
                  <td className="nowrap">{tableLabel(row.table_name, locale)}</td>
                  <td data-testid="audit-record">{recordLabel(row, result.names)}</td>
                  <td>{row.village_code ? (result.names.villages[row.village_code] ?? row.village_code) : ''}</td>
                  <td>
                    <dl className="audit-changes" data-testid="audit-changes">
                      {fieldChanges(row, result.names, locale).map((change) => (
                        <div key={change.field} data-field={change.field}>
                          <dt>{change.label}</dt>
                          <dd>
                            {change.before !== '' && <span className="audit-before">{change.before}</span>}
                            {change.before !== '' && change.after !== '' && ' → '}
                            {change.after !== '' && <span className="audit-after">{change.after}</span>}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.rows.length === 0 && <p className="muted">{t('audit.none')}</p>}
          <div className="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('audit.prev')}
            </button>
            <button type="button" disabled={offset + PAGE >= result.total} onClick={() => setOffset(offset + PAGE)}>
              {t('audit.next')}
            </button>
          </div>
        </>
      )}
    </main>
  );
}
