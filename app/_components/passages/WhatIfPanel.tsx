'use client';

import { useState } from 'react';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '../i18n-context';
import type { DraftFix, DraftSite, ScenarioResult, ScenarioRow } from './types';

export interface WhatIfPanelProps {
  fixes: DraftFix[];
  sites: DraftSite[];
  result: ScenarioResult | null;
  state: 'idle' | 'running' | 'error';
  error: string | null;
  scenarios: ScenarioRow[];
  onRemove(key: string): void;
  onClear(): void;
  onSaveFixes(details: { responsible: string; deadline: string | null; note: string }): Promise<void>;
  onSaveScenario(name: string): Promise<void>;
  onApply(id: number, details: { responsible: string; deadline: string | null; note: string }): Promise<void>;
  onLoad(scenario: ScenarioRow): void;
}

type FigureKey = 'reachable_by_truck' | 'within_response_target' | 'passage_findings' | 'water_covered' | 'station_covered';
const FIGURES: [FigureKey, MessageKey][] = [
  ['reachable_by_truck', 'passages.figure.reachable'],
  ['within_response_target', 'passages.figure.withinTarget'],
  ['passage_findings', 'passages.figure.findings'],
  ['water_covered', 'passages.figure.water'],
  ['station_covered', 'passages.figure.station'],
];

/** The what-if set, its before/after figures (computed by the server's analysis code), and saving it. */
export function WhatIfPanel(props: WhatIfPanelProps) {
  const t = useT();
  const { fixes, sites, result, state } = props;
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const details = () => ({ responsible, deadline: deadline || null, note });
  const empty = fixes.length === 0 && sites.length === 0;
  const crossed = new Set(
    (result?.new_links.features ?? []).flatMap((f) => (f.properties?.crosses_building_ids as number[] | undefined) ?? []),
  ).size;

  const act = async (what: () => Promise<void>) => {
    setSaved(null);
    try {
      await what();
      setSaved(t('passages.saved'));
    } catch (error) {
      setSaved(`${t('passages.error')}: ${(error as Error).message}`);
    }
  };

  return (
    <section className="whatif" data-testid="whatif" aria-label={t('passages.whatIf')}>
      <header className="whatif-head">
        <h2>{t('passages.whatIf')}</h2>
        {!empty && (
          <button type="button" className="link-button" onClick={props.onClear}>
            {t('passages.clearAll')}
          </button>
        )}
      </header>
      {empty && <p className="muted">{t('passages.whatIfEmpty')}</p>}
      <ul className="draft-list">
        {fixes.map((fix) => (
          <li key={fix.key} data-testid="draft-fix">
            <span>{fix.label}</span>
            <button type="button" className="link-button" onClick={() => props.onRemove(fix.key)}>
              {t('passages.remove')}
            </button>
          </li>
        ))}
        {sites.map((site) => (
          <li key={site.key} data-testid="draft-site">
            <span>
              {t(`passages.site.${site.site.kind}` as MessageKey)} ({site.site.lon.toFixed(5)}, {site.site.lat.toFixed(5)})
            </span>
            <button type="button" className="link-button" onClick={() => props.onRemove(site.key)}>
              {t('passages.remove')}
            </button>
          </li>
        ))}
      </ul>
      {state === 'running' && (
        <div className="muted" data-testid="whatif-running">
          {t('passages.evaluating')}
        </div>
      )}
      {props.error && (
        <div className="error-text" role="alert" data-testid="whatif-error">
          {props.error}
        </div>
      )}
      {result && !empty && (
        <>
          <table className="figures" data-testid="whatif-figures">
            <thead>
              <tr>
                <th />
                <th>{t('passages.before')}</th>
                <th>{t('passages.after')}</th>
                <th>{t('passages.change')}</th>
              </tr>
            </thead>
            <tbody>
              {FIGURES.map(([key, label]) => {
                const before = result.before[key];
                const after = result.after[key];
                if (before === undefined || after === undefined) return null;
                const change = after - before;
                const better = key === 'passage_findings' ? change < 0 : change > 0;
                return (
                  <tr key={key} data-testid={`figure-${key}`}>
                    <th>{label === 'passages.figure.withinTarget' ? `${t(label)}（${result.parameters.target_min}′）` : t(label)}</th>
                    <td data-testid="before">{before.toLocaleString()}</td>
                    <td data-testid="after">{after.toLocaleString()}</td>
                    <td className={change === 0 ? '' : better ? 'gain' : 'loss'}>{change > 0 ? `+${change}` : change}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {crossed > 0 && (
            <div className="error-text" role="alert" data-testid="link-crosses">
              {t('passages.crossesBuildings').replace('{n}', String(crossed))}
            </div>
          )}
          <div className="fix-meta">
            {t('passages.newlyReachable')}: <strong data-testid="newly-reachable">{result.newly_reachable.features.length}</strong> ·{' '}
            {t('passages.resolved')}: {result.resolved_findings.length}
          </div>
        </>
      )}
      {!empty && (
        <div className="whatif-save">
          <div className="field-row">
            <label className="field">
              {t('passages.responsible')}
              <input value={responsible} onChange={(e) => setResponsible(e.target.value)} data-testid="fix-responsible" />
            </label>
            <label className="field">
              {t('passages.deadline')}
              <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
            </label>
          </div>
          <label className="field">
            {t('passages.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="analysis-actions">
            <button
              type="button"
              className="primary"
              disabled={fixes.length === 0 || state === 'running'}
              data-testid="save-fixes"
              onClick={() => void act(() => props.onSaveFixes(details()))}
            >
              {t('passages.saveFixes')}
            </button>
          </div>
          <div className="field-row scenario-row">
            <input
              placeholder={t('passages.scenarioName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="scenario-name"
            />
            <button
              type="button"
              className="small-button"
              disabled={!name.trim()}
              data-testid="save-scenario"
              onClick={() => void act(() => props.onSaveScenario(name.trim()))}
            >
              {t('passages.saveScenario')}
            </button>
          </div>
          {saved && (
            <div className="fix-meta" role="status" data-testid="save-status">
              {saved}
            </div>
          )}
        </div>
      )}
      {props.scenarios.length > 0 && (
        <div className="scenario-list">
          <h3>{t('passages.scenarios')}</h3>
          <table className="figures compare" data-testid="scenario-list">
            <tbody>
              {props.scenarios.slice(0, 6).map((scenario) => (
                <tr key={scenario.id}>
                  <th>{scenario.name}</th>
                  <td className="compare-figures">
                    {scenario.result && (
                      <>
                        <span title={t('passages.figure.reachable')}>
                          {t('passages.short.reachable')} +
                          {scenario.result.after.reachable_by_truck - scenario.result.before.reachable_by_truck}
                        </span>
                        <span title={t('passages.figure.withinTarget')}>
                          {t('passages.short.withinTarget')} +
                          {scenario.result.after.within_response_target - scenario.result.before.within_response_target}
                        </span>
                        {scenario.result.after.water_covered !== undefined && (
                          <span title={t('passages.figure.water')}>
                            {t('passages.short.water')} +{scenario.result.after.water_covered - (scenario.result.before.water_covered ?? 0)}
                          </span>
                        )}
                        <span title={t('passages.resolved')}>
                          {t('passages.short.resolved')} {scenario.result.resolved_findings}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => props.onLoad(scenario)}>
                      {t('passages.load')}
                    </button>
                    {scenario.applied_at ? (
                      <span className="muted">{t('passages.applied')}</span>
                    ) : (
                      <button type="button" className="link-button" onClick={() => void act(() => props.onApply(scenario.id, details()))}>
                        {t('passages.apply')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
