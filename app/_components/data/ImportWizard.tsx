'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import type { VillageSummary } from '@/db/queries/villages';
import { BASE_LAYER_SPECS, BASE_LAYERS, type BaseLayer } from '@/lib/domain/base-fields';
import { unionBbox } from '@/lib/geo';
import type { MessageKey } from '@/lib/i18n';
import { IMPORT_CRS } from '@/lib/import/geo/types';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { LayerName } from '@/lib/map/layer-names';
import type { MapController } from '@/lib/map/map-controller';
import { IMPORT_PREVIEW_LEGEND, ImportPreviewPlugin } from '@/lib/map/plugins/import-preview.plugin';
import { useLocale, useT } from '../i18n-context';
import { MapLegend } from '../MapLegend';
import { MapView } from '../MapView';
import { callApi, type ImportBatch, postJson } from './import-api';

export interface ImportWizardProps {
  villages: VillageSummary[];
  basemap: BasemapConfig;
  /** After a commit: the counts and history are out of date. */
  onApplied(): void;
}

const VISIBLE = new Set<LayerName>(['villages']);
const STYLE = { buildingColorMode: 'plain' as const };
const ENCODINGS = ['utf-8', 'gbk', 'gb18030'] as const;
const COUNTS = ['new', 'changed', 'unchanged', 'missing', 'invalid'] as const;

/**
 * 导入: a file is read into a preview first — its coordinate system (guessed, never applied silently), the field
 * mapping, what would be new, changed or retired, every problem — drawn on the map over the villages; only the
 * user's commit writes it, all or nothing.
 */
export function ImportWizard({ villages, basemap, onApplied }: ImportWizardProps) {
  const t = useT();
  const locale = useLocale();
  const [preview] = useState(() => new ImportPreviewPlugin());
  const controller = useRef<MapController | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const [layer, setLayer] = useState<BaseLayer>('water-sources');
  const [crs, setCrs] = useState('');
  const [encoding, setEncoding] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  // The codes the user chose for file values a field does not know: column → file value → code.
  const [valueCodes, setValueCodes] = useState<Record<string, Record<string, string>>>({});
  const chooseCode = (column: string, value: string, code: string) =>
    setValueCodes((current) => {
      const chosen = { ...current[column] };
      if (code) chosen[value] = code;
      else delete chosen[value];
      return { ...current, [column]: chosen };
    });
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [retireMissing, setRetireMissing] = useState(false);
  const [repairInvalid, setRepairInvalid] = useState(false);
  const [crsConfirmed, setCrsConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const town = useMemo(() => unionBbox(villages.map((v) => v.bbox)), [villages]);
  const spec = BASE_LAYER_SPECS[layer];

  const showBatch = useCallback(
    async (id: number) => {
      const answer = await callApi<ImportBatch>(`/api/v1/imports/${id}`);
      if (!answer.ok) return setError(answer.error);
      setBatch(answer.body);
      setCrsConfirmed(false);
      setMapping(answer.body.mapping ?? {});
      if (answer.body.crs) setCrs(answer.body.crs);
      void preview.show(answer.body.features ?? null, town);
    },
    [preview, town],
  );

  /** Sends the file for a preview, with the user's choices so far (coordinate system, encoding, mapping). */
  const read = async (withMapping: boolean) => {
    const chosen = file.current?.files?.[0];
    if (!chosen) return setError(t('import.noFile'));
    const form = new FormData();
    form.set('file', chosen);
    form.set('layer', layer);
    if (crs) form.set('crs', crs);
    if (encoding) form.set('encoding', encoding);
    if (withMapping && Object.keys(mapping).length > 0) form.set('mapping', JSON.stringify(mapping));
    if (withMapping && Object.keys(valueCodes).length > 0) form.set('values', JSON.stringify(valueCodes));
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const answer = await callApi<ImportBatch>('/api/v1/imports', { method: 'POST', body: form });
      if (!answer.ok) {
        setBatch(null);
        void preview.show(null, town);
        return setError(answer.error);
      }
      await showBatch(answer.body.id);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!batch) return;
    setBusy(true);
    try {
      const answer = await postJson<{ summary: ImportBatch['summary'] }>(`/api/v1/imports/${batch.id}/commit`, {
        retire_missing: retireMissing,
        repair_invalid: repairInvalid,
        confirm_crs: crsConfirmed,
      });
      if (!answer.ok) return setError(answer.error);
      const { summary } = answer.body;
      setDone(t('import.applied').replace('{new}', String(summary.new)).replace('{changed}', String(summary.changed)));
      setBatch(null);
      void preview.show(null, town);
      onApplied();
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    if (batch) void postJson(`/api/v1/imports/${batch.id}/discard`, {});
    setBatch(null);
    setMapping({});
    setValueCodes({});
    setError(null);
    void preview.show(null, town);
  };

  const problems = batch?.errors ?? [];
  const unmatched = Object.entries(batch?.unmatched_values ?? {}).filter(([, values]) => values.length > 0);
  const label = (column: string) => {
    const field = spec.fields.find((f) => f.column === column);
    return field ? (locale === 'en' ? field.en : field.zh) : column;
  };

  return (
    <section className="data-card import-card" data-testid="import">
      <h2>{t('import.title')}</h2>
      <p className="data-hint">{t('import.hint')}</p>
      <div className="data-form">
        <label>
          {t('import.layer')}
          <select
            value={layer}
            onChange={(event) => setLayer(event.target.value as BaseLayer)}
            disabled={Boolean(batch)}
            data-testid="import-layer"
          >
            {BASE_LAYERS.map((name) => (
              <option key={name} value={name}>
                {t(`layer.${name}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('import.file')}
          <input
            ref={file}
            type="file"
            accept=".zip,.gpkg,.kml,.kmz,.geojson,.json,.csv,.xlsx"
            disabled={Boolean(batch)}
            data-testid="import-file"
          />
        </label>
        <label>
          {t('import.crs')}
          <select value={crs} onChange={(event) => setCrs(event.target.value)} data-testid="import-crs">
            <option value="">{t('import.crs.auto')}</option>
            {IMPORT_CRS.map((code) => (
              <option key={code} value={code}>
                {t(`import.crs.${code}` as MessageKey) ?? code}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('import.encoding')}
          <select value={encoding} onChange={(event) => setEncoding(event.target.value)} data-testid="import-encoding">
            <option value="">{t('import.encoding.auto')}</option>
            {ENCODINGS.map((name) => (
              <option key={name} value={name}>
                {name.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => read(Boolean(batch))} disabled={busy} data-testid="import-preview">
          {batch ? t('import.previewAgain') : t('import.previewButton')}
        </button>
      </div>
      {error && (
        <div className="edit-notice edit-notice-error" role="alert" data-testid="import-error">
          {error}
        </div>
      )}
      {done && (
        <div className="edit-notice edit-notice-ok" role="status" data-testid="import-done">
          {done}
        </div>
      )}
      <div className="import-body" hidden={!batch}>
        <div className="import-map">
          <MapView
            basemap={basemap}
            offlineAttribution={t('map.offlineAttribution')}
            bounds={town}
            visible={VISIBLE}
            styleOptions={STYLE}
            pickable={[]}
            testId="import-map"
            onReady={(c) => {
              controller.current = c;
              c.use(preview);
            }}
            onFeatureClick={() => {}}
            onViewChange={() => {}}
            onStateChange={() => {}}
          />
          <MapLegend entries={IMPORT_PREVIEW_LEGEND} testId="import-legend" />
        </div>
        {batch && (
          <div className="import-report" data-testid="import-report" data-batch={batch.id}>
            <p className="import-crs" data-testid="import-crs-guess">
              <strong>{t('import.crs')}：</strong>
              {batch.crs ?? t('import.crs.unknown')}
              {batch.crs_guess?.reason ? ` — ${batch.crs_guess.reason}` : ''}
              {batch.encoding ? ` · ${t('import.encoding')} ${batch.encoding.toUpperCase()}` : ''}
            </p>
            <ul className="import-counts">
              {COUNTS.map((name) => (
                <li key={name} className={`import-count import-count-${name}`} data-testid={`import-count-${name}`}>
                  <strong>{batch.summary[name]}</strong> {t(`import.count.${name}` as MessageKey)}
                </li>
              ))}
            </ul>
            <details open>
              <summary>{t('import.mapping')}</summary>
              <table className="data-table import-mapping" data-testid="import-mapping">
                <tbody>
                  {spec.fields.map((field) => (
                    <tr key={field.column}>
                      <th>
                        {label(field.column)}
                        {field.required ? ' *' : ''}
                      </th>
                      <td>
                        <select
                          value={mapping[field.column] ?? ''}
                          onChange={(event) => setMapping((current) => ({ ...current, [field.column]: event.target.value }))}
                          data-testid={`mapping-${field.column}`}
                        >
                          <option value="">{t('import.unmapped')}</option>
                          {(batch.fields ?? []).map((name) => (
                            <option key={name} value={name}>
                              {name}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            {unmatched.length > 0 && (
              <div className="import-unmatched" data-testid="import-unmatched">
                <strong>{t('import.unmatchedValues')}</strong>
                <table className="import-values">
                  <tbody>
                    {unmatched.flatMap(([column, values]) => {
                      const field = spec.fields.find((candidate) => candidate.column === column);
                      return values.map((value) => (
                        <tr key={`${column}:${value}`}>
                          <th>{label(column)}</th>
                          <td>{value}</td>
                          <td>
                            <select
                              value={valueCodes[column]?.[value] ?? ''}
                              onChange={(event) => chooseCode(column, value, event.target.value)}
                              data-testid={`value-${column}-${value}`}
                            >
                              <option value="">{t('import.valueUnchosen')}</option>
                              {(field?.values ?? []).map((code) => (
                                <option key={code} value={code}>
                                  {t(`enum.${field?.enumGroup}.${code}` as MessageKey) ?? code}
                                </option>
                              ))}
                            </select>
                          </td>
                        </tr>
                      ));
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {problems.length > 0 && (
              <details className="import-problems" open>
                <summary>
                  {t('import.problems')} ({problems.length})
                </summary>
                <table className="data-table" data-testid="import-problems">
                  <thead>
                    <tr>
                      <th>{t('import.problem.index')}</th>
                      <th>{t('import.problem.field')}</th>
                      <th>{t('import.problem.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {problems.slice(0, 200).map((problem) => (
                      <tr
                        key={`${problem.index}-${problem.field ?? ''}-${problem.message}`}
                        className={`problem-${problem.severity ?? 'error'}`}
                      >
                        <td>{problem.index}</td>
                        <td>{problem.field ? label(problem.field) : ''}</td>
                        <td>{problem.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
            {batch.crs_guessed && (
              <label className="import-option import-confirm">
                <input
                  type="checkbox"
                  checked={crsConfirmed}
                  onChange={(event) => setCrsConfirmed(event.target.checked)}
                  data-testid="import-confirm-crs"
                />
                {t('import.confirmCrs')}
              </label>
            )}
            <label className="import-option">
              <input
                type="checkbox"
                checked={retireMissing}
                onChange={(event) => setRetireMissing(event.target.checked)}
                data-testid="import-retire"
              />
              {t('import.retireMissing').replace('{n}', String(batch.summary.missing))}
            </label>
            <label className="import-option">
              <input
                type="checkbox"
                checked={repairInvalid}
                onChange={(event) => setRepairInvalid(event.target.checked)}
                data-testid="import-repair"
              />
              {t('import.repairInvalid')}
            </label>
            <div className="edit-actions">
              <button
                type="button"
                className="primary"
                onClick={commit}
                disabled={busy || (batch.crs_guessed === true && !crsConfirmed)}
                data-testid="import-commit"
              >
                {t('import.commit')}
              </button>
              <button type="button" className="secondary" onClick={discard} data-testid="import-discard">
                {t('import.discard')}
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
