'use client';

import { useEffect, useState } from 'react';
import type { PeriodFigures } from '@/db/queries/stats/period';
import type { MessageKey } from '@/lib/i18n';
import { FIGURE_KEYS, figureText } from '@/lib/reports/figure-rows';
import { MonthField } from '../DateField';
import { useT } from '../i18n-context';

export interface ReportsAppProps {
  /** The villages the user may report on. */
  villages: { code: string; name: string }[];
  /** The annual summary covers the whole town: only for users who see the whole town. */
  /** The month shown first: the last complete one, since the month just begun has little to report. */
  initialMonth: string;
  currentMonth: string;
  currentYear: number;
}

/** Choose a village and month (or a year) and download the report; the month's figures are previewed. */
export function ReportsApp({ villages, initialMonth, currentMonth, currentYear }: ReportsAppProps) {
  const t = useT();
  const [village, setVillage] = useState(villages[0]?.code ?? '');
  const [month, setMonth] = useState(initialMonth);
  const [year, setYear] = useState(currentYear);
  const [figures, setFigures] = useState<PeriodFigures | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setFigures(null);
    setError(null);
    void fetch(`/api/v1/stats/monthly?village=${village}&month=${month}`, { signal: abort.signal })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.error);
        setFigures(body.figures);
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setError(e.message);
      });
    return () => abort.abort();
  }, [village, month]);

  const monthly = (format: string) => `/api/v1/reports/monthly?village=${village}&month=${month}&format=${format}`;
  const annual = (format: string) => `/api/v1/reports/annual?year=${year}&format=${format}`;
  const years = Array.from({ length: currentYear - 2023 }, (_, i) => 2024 + i);

  return (
    <div className="reports-shell" data-testid="reports">
      <main className="reports-main">
        <section className="report-card">
          <h2>{t('reports.monthly')}</h2>
          <div className="report-form">
            <label>
              {t('reports.village')}
              <select value={village} onChange={(e) => setVillage(e.target.value)} data-testid="report-village">
                {villages.map((v) => (
                  <option key={v.code} value={v.code}>
                    {v.name}
                  </option>
                ))}
              </select>
            </label>
            <div>
              {t('reports.month')}
              <MonthField
                value={month}
                min="2024-01"
                max={currentMonth}
                testId="report-month"
                label={t('reports.month')}
                onChange={setMonth}
              />
            </div>
            <a className="download" href={monthly('pdf')} download data-testid="download-monthly-pdf">
              {t('reports.downloadPdf')}
            </a>
            <a className="download" href={monthly('xlsx')} download data-testid="download-monthly-xlsx">
              {t('reports.downloadXlsx')}
            </a>
          </div>
          <h3>{t('reports.preview')}</h3>
          {error && <p className="report-error">{error}</p>}
          <table className="figure-table" data-testid="report-preview" data-state={figures ? 'ready' : 'loading'}>
            <tbody>
              {FIGURE_KEYS.map((key) => (
                <tr key={key}>
                  <th>{t(`reports.${key}` as MessageKey)}</th>
                  <td data-testid={`figure-${key}`}>{figures ? figureText(figures, key) : '…'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="report-card">
          <h2>{t('reports.annual')}</h2>
          <div className="report-form">
            <label>
              {t('reports.year')}
              <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="report-year">
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <a className="download" href={annual('pdf')} download data-testid="download-annual-pdf">
              {t('reports.downloadPdf')}
            </a>
            <a className="download" href={annual('xlsx')} download data-testid="download-annual-xlsx">
              {t('reports.downloadXlsx')}
            </a>
          </div>
        </section>
      </main>
    </div>
  );
}
