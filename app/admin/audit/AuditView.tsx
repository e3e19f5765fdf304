'use client';

import { useEffect, useState } from 'react';
import type { AuditRow } from '@/db/queries/audit';
import { dynamicMessage, type Locale, type MessageKey } from '@/lib/i18n';
import { chinaDateTime } from '@/lib/time';
import { DateField } from '../../_components/DateField';
import { useLocale, useT } from '../../_components/i18n-context';

const PAGE = 50;
/** The tables changes are recorded for, offered by name in the filter. */
const AUDITED_TABLES = [
  'hazards',
  'hazard_events',
  'hazard_photos',
  'passage_fixes',
  'scenarios',
  'obstacles',
  'passages',
  'buildings',
  'water_sources',
  'stations',
  'social_units',
  'straw_stacks',
  'fire_incidents',
  'trainings',
  'drills',
  'villages',
  'users',
  'api_tokens',
  'rules',
];
const FIELDS = ['actor', 'village', 'table', 'record', 'from', 'to'] as const;
type Field = (typeof FIELDS)[number];

function filtersFromUrl(): Record<Field, string> {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<Field, string>;
}

/** A field's name in the UI language: the audit's own label, else the map card's, else the column name. */
function fieldName(locale: Locale, key: string): string {
  return dynamicMessage(locale, `audit.field.${key}`, dynamicMessage(locale, `field.${key}`, key));
}

/** A recorded value as a person reads it: no JSON quotes, yes/no, — for none. */
function shownValue(locale: Locale, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return dynamicMessage(locale, value ? 'audit.yes' : 'audit.no', String(value));
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Only the fields that changed, so a long record's history stays readable. */
function changes(locale: Locale, before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changed = keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return changed.map((k) => `${fieldName(locale, k)}: ${shownValue(locale, b[k])} → ${shownValue(locale, a[k])}`).join('\n');
}

export function AuditView({ villages }: { villages: { code: string; name: string }[] }) {
  const t = useT();
  const locale = useLocale();
  const [filters, setFilters] = useState<Record<Field, string> | null>(null);
  const [offset, setOffset] = useState(0);
  const [result, setResult] = useState<{ rows: AuditRow[]; total: number } | null>(null);
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
                {dynamicMessage(locale, `audit.table.${table}`, table)}
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
                  <td>{chinaDateTime(row.at, 'second')}</td>
                  <td>{row.actor === 'system' ? t('audit.system') : row.actor}</td>
                  <td>{row.role ? (t(`role.${row.role}` as MessageKey) ?? row.role) : ''}</td>
                  <td>{t(`audit.action.${row.action}` as MessageKey) ?? row.action}</td>
                  <td>{dynamicMessage(locale, `audit.table.${row.table_name}`, row.table_name)}</td>
                  <td>{row.record_id}</td>
                  <td>{villages.find((v) => v.code === row.village_code)?.name ?? row.village_code}</td>
                  <td>
                    <pre className="audit-json">{changes(locale, row.before, row.after)}</pre>
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
