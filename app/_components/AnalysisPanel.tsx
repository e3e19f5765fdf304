'use client';

import { useEffect, useMemo, useState } from 'react';
import { explainFinding } from '@/lib/analysis/explain';
import { buildingsText, hazardLinkOf } from '@/lib/analysis/finding-hazard';
import { type FindingOrder, findingBuildings, orderFindings, pageOf } from '@/lib/analysis/finding-list';
import { ANALYSIS_NAMES, type AnalysisName, type AnalysisResult, type Finding } from '@/lib/analysis/types';
import { dynamicMessage } from '@/lib/i18n';
import { SPACING_RULESETS, type SpacingRuleset } from '@/lib/rules/types';
import { chinaMonth } from '@/lib/time';
import { useLocale, useT } from './i18n-context';

/** Findings per page of the list; the map shows them all. */
const PAGE_SIZE = 50;

export interface AnalysisPanelProps {
  villages: string[];
  villageNames: Record<string, string>;
  onResult(result: AnalysisResult | null): void;
  onSelect(finding: Finding): void;
}

/**
 * Runs one spatial analysis for the chosen villages, lists its findings with the rule each breaks,
 * and hands the findings to the map.
 */
export function AnalysisPanel({ villages, villageNames, onResult, onSelect }: AnalysisPanelProps) {
  const t = useT();
  const locale = useLocale();
  const [name, setName] = useState<AnalysisName>('spacing');
  const [ruleset, setRuleset] = useState<SpacingRuleset>('GB50039');
  const [month, setMonth] = useState(() => chinaMonth());
  const [targetMin, setTargetMin] = useState(15);
  const [hoseM, setHoseM] = useState(60);
  const [state, setState] = useState<'idle' | 'running' | 'error'>('idle');
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [order, setOrder] = useState<FindingOrder>('shortfall');
  const [villageShown, setVillageShown] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  // Whether findings may be turned into hazards: asked once the first result is shown, not on page load.
  const [canReport, setCanReport] = useState(false);
  useEffect(() => {
    if (!result || canReport) return;
    void fetch('/api/auth/me')
      .then((response) => (response.ok ? (response.json() as Promise<{ permissions: string[] }>) : null))
      .then((me) => setCanReport(Boolean(me?.permissions.includes('hazards:report'))))
      .catch(() => {});
  }, [result, canReport]);

  const run = async () => {
    setState('running');
    const params = new URLSearchParams();
    for (const code of villages) params.append('village', code);
    if (name === 'spacing' || name === 'clusters') params.set('ruleset', ruleset);
    if (name === 'water-coverage') params.set('month', String(month));
    if (name === 'response-time') params.set('target_min', String(targetMin));
    if (name === 'reachability') params.set('hose_m', String(hoseM));
    try {
      const response = await fetch(`/api/v1/analysis/${name}?${params}`);
      if (!response.ok) throw new Error(String(response.status));
      const data = (await response.json()) as AnalysisResult;
      setResult(data);
      setSelected(null);
      setPage(0);
      setVillageShown(null);
      onResult(data);
      setState('idle');
    } catch {
      setState('error');
    }
  };

  const clear = () => {
    setResult(null);
    setSelected(null);
    onResult(null);
  };

  const listed = useMemo(
    () => (result ? orderFindings(result.features, { order, village: villageShown, villageNames }) : []),
    [result, order, villageShown, villageNames],
  );
  const shown = pageOf(listed, page, PAGE_SIZE);
  const villageLabel = (code: string | null) => (code === null ? t('analysisPanel.outsideVillages') : (villageNames[code] ?? code));

  const analysisLabel = (analysis: string) => dynamicMessage(locale, `analysis.name.${analysis}`, analysis);

  return (
    <section className="panel-section analysis-panel" data-testid="analysis-panel">
      <label className="field">
        <span>{t('analysisPanel.choose')}</span>
        <select value={name} onChange={(event) => setName(event.target.value as AnalysisName)} data-testid="analysis-name">
          {ANALYSIS_NAMES.map((analysis) => (
            <option key={analysis} value={analysis}>
              {analysisLabel(analysis)}
            </option>
          ))}
        </select>
      </label>
      {(name === 'spacing' || name === 'clusters') && (
        <label className="field">
          <span>{t('analysisPanel.ruleset')}</span>
          <select value={ruleset} onChange={(event) => setRuleset(event.target.value as SpacingRuleset)}>
            {SPACING_RULESETS.map((set) => (
              <option key={set} value={set}>
                {t(`rule.ruleset.${set}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {name === 'water-coverage' && (
        <label className="field">
          <span>{t('analysisPanel.month')}</span>
          <select value={month} onChange={(event) => setMonth(Number(event.target.value))}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      )}
      {name === 'response-time' && (
        <label className="field">
          <span>{t('analysisPanel.targetMin')}</span>
          <input type="number" min={1} max={120} value={targetMin} onChange={(event) => setTargetMin(Number(event.target.value))} />
        </label>
      )}
      {name === 'reachability' && (
        <label className="field">
          <span>{t('analysisPanel.hoseM')}</span>
          <input type="number" min={10} max={500} value={hoseM} onChange={(event) => setHoseM(Number(event.target.value))} />
        </label>
      )}
      <div className="analysis-actions">
        <button type="button" className="primary" onClick={run} disabled={state === 'running'} data-testid="analysis-run">
          {state === 'running' ? t('analysisPanel.running') : t('analysisPanel.run')}
        </button>
        {result && (
          <button type="button" className="link-button" onClick={clear}>
            {t('analysisPanel.clear')}
          </button>
        )}
      </div>
      {state === 'error' && <div className="error-text">{t('analysisPanel.error')}</div>}
      {result && (
        <div className="analysis-result">
          <div className="analysis-total" data-testid="analysis-total">
            {result.summary.total > 0
              ? `${analysisLabel(result.analysis)} · ${t('analysisPanel.total')} ${result.summary.total.toLocaleString(locale)}`
              : t('analysisPanel.none')}
          </div>
          <div className="kind-chips">
            {Object.entries(result.summary.by_kind).map(([kind, n]) => (
              <span key={kind} className="kind-chip">
                {dynamicMessage(locale, `analysis.kind.${kind}`, kind)} {n}
              </span>
            ))}
          </div>
          <div className="finding-tools">
            <label className="field">
              <span>{t('analysisPanel.village')}</span>
              <select
                value={villageShown ?? ''}
                onChange={(event) => {
                  setVillageShown(event.target.value || null);
                  setPage(0);
                }}
                data-testid="finding-village"
              >
                <option value="">{t('analysisPanel.allVillages')}</option>
                {Object.entries(result.summary.by_village)
                  .filter(([code]) => code !== 'none')
                  .sort(([x], [y]) => villageLabel(x).localeCompare(villageLabel(y), 'zh-CN'))
                  .map(([code, counts]) => (
                    <option key={code} value={code}>
                      {villageLabel(code)} {counts.total}
                    </option>
                  ))}
              </select>
            </label>
            <label className="field">
              <span>{t('analysisPanel.order')}</span>
              <select
                value={order}
                onChange={(event) => {
                  setOrder(event.target.value as FindingOrder);
                  setPage(0);
                }}
                data-testid="finding-order"
              >
                <option value="shortfall">{t('analysisPanel.order.shortfall')}</option>
                <option value="village">{t('analysisPanel.order.village')}</option>
              </select>
            </label>
          </div>
          <ol className="finding-list" data-testid="finding-list">
            {shown.items.map(({ finding, index }, position) => {
              const why = explainFinding(finding.properties, result.rules, locale);
              const villageCode = finding.properties.village_code;
              const village = villageCode ? (villageNames[villageCode] ?? villageCode) : null;
              const previous = shown.items[position - 1];
              const groupStarts = order === 'village' && (!previous || previous.finding.properties.village_code !== villageCode);
              const buildings = buildingsText(finding.properties.analysis, findingBuildings(finding.properties), locale);
              return [
                groupStarts && (
                  <li key={`group-${villageCode ?? 'none'}`} className="finding-group" data-testid="finding-group">
                    {villageLabel(villageCode)}
                  </li>
                ),
                <li key={index} className={selected === index ? 'selected' : ''} data-testid="finding" data-index={index}>
                  <button
                    type="button"
                    onClick={() => {
                      setSelected(index);
                      onSelect(finding);
                    }}
                  >
                    <span className="finding-title">
                      {why.title}
                      {village && order !== 'village' ? ` · ${village}` : ''}
                    </span>
                    {buildings && (
                      <span className="finding-buildings" data-testid="finding-buildings">
                        {buildings}
                      </span>
                    )}
                    <span className="finding-values">
                      {t('analysisPanel.measured')} {why.measured} / {t('analysisPanel.threshold')} {why.threshold}
                      {why.shortfall && (
                        <b className="finding-shortfall">
                          {' '}
                          · {t('analysisPanel.shortfall')} {why.shortfall}
                        </b>
                      )}
                    </span>
                    {selected === index && (
                      <span className="finding-why" data-testid="finding-why">
                        {t('analysisPanel.why')}：{why.rule}
                      </span>
                    )}
                  </button>
                  {canReport && (
                    <a className="hz-turn" href={hazardLinkOf(finding, result.rules, village, locale)} data-testid="finding-to-hazard">
                      {t('hz.turnIntoHazard')}
                    </a>
                  )}
                </li>,
              ];
            })}
          </ol>
          {shown.pages > 1 && (
            <nav className="finding-pages" aria-label={t('analysisPanel.pages')}>
              <button type="button" onClick={() => setPage(shown.page - 1)} disabled={shown.page === 0} data-testid="finding-previous">
                {t('analysisPanel.previousPage')}
              </button>
              <span data-testid="finding-page">
                {t('analysisPanel.page')
                  .replace('{page}', String(shown.page + 1))
                  .replace('{pages}', String(shown.pages))
                  .replace('{total}', listed.length.toLocaleString(locale))}
              </span>
              <button
                type="button"
                onClick={() => setPage(shown.page + 1)}
                disabled={shown.page + 1 >= shown.pages}
                data-testid="finding-next"
              >
                {t('analysisPanel.nextPage')}
              </button>
            </nav>
          )}
        </div>
      )}
    </section>
  );
}
