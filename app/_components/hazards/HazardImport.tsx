'use client';

import { useState } from 'react';
import { useT } from '../i18n-context';
import { Modal } from '../Modal';
import { callApi, errorMessage } from './api';
import type { ImportReport } from './types';

export interface HazardImportProps {
  onClose(): void;
  onImported(created: number): void;
}

/**
 * 导入隐患清单: pick an .xlsx/.csv, check the column mapping (suggested from the headers), check the rows
 * (every bad cell by row and column), then import all rows or none.
 */
export function HazardImport({ onClose, onImported }: HazardImportProps) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [mapping, setMapping] = useState<Record<string, number>>({});
  /** The mapping the shown report was checked with (importing needs a clean check of the current mapping). */
  const [checkedWith, setCheckedWith] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<number | null>(null);

  const send = async (chosen: File, withMapping: Record<string, number> | null, commit: boolean) => {
    const form = new FormData();
    form.set('file', chosen);
    if (withMapping) form.set('mapping', JSON.stringify(withMapping));
    form.set('commit', commit ? 'true' : 'false');
    setBusy(true);
    setError(null);
    const answer = await callApi<ImportReport>('/api/v1/hazards/import', { method: 'POST', body: form });
    setBusy(false);
    return answer;
  };

  const choose = async (chosen: File) => {
    setFile(chosen);
    setReport(null);
    setCreated(null);
    const answer = await send(chosen, null, false);
    if (!answer.ok || !answer.body?.headers) {
      setError(errorMessage(answer, t('hz.importFailed')));
      return;
    }
    setReport(answer.body);
    setMapping(answer.body.mapping);
    setCheckedWith(JSON.stringify(answer.body.mapping));
  };

  const check = async () => {
    if (!file) return;
    const answer = await send(file, mapping, false);
    if (!answer.ok || !answer.body?.headers) {
      setError(errorMessage(answer, t('hz.importFailed')));
      return;
    }
    setReport(answer.body);
    setCheckedWith(JSON.stringify(mapping));
  };

  const commit = async () => {
    if (!file) return;
    const answer = await send(file, mapping, true);
    if (answer.status === 201 && answer.body) {
      setCreated(answer.body.created ?? 0);
      setReport(answer.body);
      return;
    }
    if (answer.body?.headers) setReport(answer.body);
    setError(errorMessage(answer, t('hz.importFailed')));
  };

  const fields = report ? Object.entries(report.fields) : [];
  const checked = report !== null && checkedWith === JSON.stringify(mapping);
  const clean = checked && report.errors.length === 0 && report.rows > 0;

  const footer =
    created !== null ? (
      <button type="button" className="primary" onClick={() => onImported(created)} data-testid="import-finish">
        {t('hz.done')}
      </button>
    ) : (
      <>
        <button type="button" className="secondary" disabled={!file || !report || busy} onClick={check} data-testid="import-check">
          {t('hz.importCheck')}
        </button>
        <button type="button" className="primary" disabled={!clean || busy} onClick={commit} data-testid="import-commit">
          {t('hz.importCommit')}
        </button>
      </>
    );

  return (
    <Modal title={t('hz.importTitle')} testId="hazard-import" onClose={onClose} footer={footer}>
      <ol className="hz-import-steps">
        <li className={file ? 'done' : 'on'}>{t('hz.importStep1')}</li>
        <li className={report ? (clean ? 'done' : 'on') : ''}>{t('hz.importStep2')}</li>
        <li className={created !== null ? 'done' : clean ? 'on' : ''}>{t('hz.importStep3')}</li>
      </ol>
      <label className="secondary hz-file">
        {file ? file.name : t('hz.importChoose')}
        <input
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          data-testid="import-file"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) void choose(chosen);
          }}
        />
      </label>
      <span className="hz-hint"> {t('hz.importRules')}</span>

      {report && (
        <>
          <div className="hz-import-summary" data-testid="import-summary">
            {t('hz.importRows').replace('{rows}', String(report.rows)).replace('{headers}', String(report.headers.length))}
          </div>
          <div className="hz-mapping" data-testid="import-mapping">
            {fields.map(([field, label]) => (
              <label key={field} className={`hz-map-field${mapping[field] === undefined ? ' unmapped' : ''}`}>
                <span>{label}</span>
                <select
                  value={mapping[field] ?? ''}
                  data-testid={`map-${field}`}
                  onChange={(e) => {
                    const next = { ...mapping };
                    if (e.target.value === '') delete next[field];
                    else next[field] = Number(e.target.value);
                    setMapping(next);
                  }}
                >
                  <option value="">{t('hz.importUnmapped')}</option>
                  {report.headers.map((header, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a column is identified by its position
                    <option key={index} value={index}>
                      {header || `#${index + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </>
      )}

      {checked && report && created === null && (
        <div className="hz-import-report" data-testid="import-report">
          {report.errors.length === 0 ? (
            <div className="hz-ok" data-testid="import-clean">
              {t('hz.importClean').replace('{n}', String(report.valid))}
            </div>
          ) : (
            <>
              <div className="hz-error" data-testid="import-error-count">
                {t('hz.importErrors')
                  .replace('{n}', String(report.errors.length))
                  .replace('{valid}', String(report.valid))
                  .replace('{rows}', String(report.rows))}
              </div>
              <div className="hz-report-scroll">
                <table className="data-table" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th>{t('hz.importRow')}</th>
                      <th>{t('hz.importColumn')}</th>
                      <th>{t('hz.importMessage')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((problem, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the report of one file never reorders
                      <tr key={index}>
                        <td>{problem.row}</td>
                        <td>{problem.column || '—'}</td>
                        <td>{problem.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
      {created !== null && (
        <div className="hz-ok" data-testid="import-done">
          {t('hz.importDone').replace('{n}', String(created))}
        </div>
      )}
      {error && (
        <div className="hz-error" role="alert" data-testid="import-error">
          {error}
        </div>
      )}
    </Modal>
  );
}
