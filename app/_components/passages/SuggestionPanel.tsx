'use client';

import { useState } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { passageTitle } from '@/lib/i18n/passage-title';
import { useLocale, useT } from '../i18n-context';
import { requestJson, type Site, type Suggestions } from './types';

export interface SuggestionPanelProps {
  onResult(result: Suggestions | null): void;
  onAddSite(site: Site): void;
  onFocus(lonLat: [number, number]): void;
}

/** The k best places for a new water tank or micro station, with each one's gain; any can join the what-if. */
export function SuggestionPanel({ onResult, onAddSite, onFocus }: SuggestionPanelProps) {
  const t = useT();
  const locale = useLocale();
  const [kind, setKind] = useState<'water' | 'station'>('water');
  const [k, setK] = useState(5);
  const [state, setState] = useState<'idle' | 'running' | 'error'>('idle');
  const [result, setResult] = useState<Suggestions | null>(null);

  const run = async () => {
    setState('running');
    try {
      const data = await requestJson<Suggestions>(`/api/v1/suggestions/${kind}?k=${k}`);
      setResult(data);
      onResult(data);
      setState('idle');
    } catch {
      setState('error');
    }
  };

  return (
    <div className="panel-section">
      <label className="field">
        {t('passages.suggestKind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as 'water' | 'station')} data-testid="suggest-kind">
          <option value="water">{t('passages.site.water')}</option>
          <option value="station">{t('passages.site.station')}</option>
        </select>
      </label>
      <label className="field">
        {t('passages.suggestK')}
        <input type="number" min={1} max={20} value={k} onChange={(e) => setK(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} />
      </label>
      <button type="button" className="primary" disabled={state === 'running'} onClick={() => void run()} data-testid="suggest-run">
        {state === 'running' ? t('passages.evaluating') : t('passages.suggestRun')}
      </button>
      {state === 'error' && <div className="error-text">{t('passages.error')}</div>}
      {result && (
        <div className="suggestions">
          <div className="fix-meta">
            {t('passages.suggestUncovered')} {result.uncovered_before} / {result.buildings} · {result.candidates} {t('passages.candidates')}
          </div>
          <ol className="fix-list" data-testid="suggestions">
            {result.sites.map((site) => (
              <li key={site.rank} className="fix">
                <button type="button" className="fix-title" onClick={() => onFocus([site.lon, site.lat])}>
                  {site.rank}. {t(`passages.site.${result.kind}` as MessageKey)} ·{' '}
                  {passageTitle(locale, { name: site.passage_name, code: site.passage_code, class: site.passage_class })}
                </button>
                <div className="fix-meta">
                  {t('passages.suggestGain')} <strong>+{site.gain}</strong> {t('passages.buildingsUnit')} · {t('passages.cumulative')}{' '}
                  {site.cumulative_covered} {t('passages.buildingsUnit')}
                </div>
                <button
                  type="button"
                  className="small-button"
                  onClick={() => onAddSite({ kind: result.kind, lon: site.lon, lat: site.lat })}
                >
                  + {t('passages.addToScenario')}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
