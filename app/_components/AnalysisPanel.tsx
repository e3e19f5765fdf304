'use client';

import { useEffect, useState } from 'react';
import { explainFinding } from '@/lib/analysis/explain';
import { ANALYSIS_NAMES, type AnalysisName, type AnalysisResult, type Finding } from '@/lib/analysis/types';
import { dynamicMessage } from '@/lib/i18n';
import { SPACING_RULESETS, type SpacingRuleset } from '@/lib/rules/types';
import { chinaMonth } from '@/lib/time';
import { useLocale, useT } from './i18n-context';

const LISTED = 200;

/** The hazard category a finding becomes (转为隐患), by the analysis that found it. */
const HAZARD_CATEGORY: Partial<Record<AnalysisName, string>> = {
  spacing: 'spacing',
  clusters: 'spacing',
  passages: 'passage',
  reachability: 'passage',
  'water-coverage': 'water',
  stacks: 'straw',
};

/** A point of the finding to place the hazard at: the point itself, a line's middle vertex, a ring's vertex mean. */
function findingPoint(geometry: GeoJSON.Geometry): [number, number] | null {
  const positions = (g: GeoJSON.Geometry): GeoJSON.Position[] =>
    g.type === 'Point'
      ? [g.coordinates]
      : g.type === 'LineString' || g.type === 'MultiPoint'
        ? g.coordinates
        : g.type === 'Polygon'
          ? (g.coordinates[0] ?? [])
          : g.type === 'MultiLineString'
            ? (g.coordinates[0] ?? [])
            : g.type === 'MultiPolygon'
              ? (g.coordinates[0]?.[0] ?? [])
              : g.geometries[0]
                ? positions(g.geometries[0])
                : [];
  // GeoJSON positions always have a longitude and a latitude.
  const list = positions(geometry).map(([lon = 0, lat = 0]): [number, number] => [lon, lat]);
  const mean = (points: [number, number][]): [number, number] => [
    points.reduce((sum, p) => sum + p[0], 0) / points.length,
    points.reduce((sum, p) => sum + p[1], 0) / points.length,
  ];
  if (list.length === 0) return null;
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') return mean(list.slice(0, -1));
  if (list.length === 2) return mean(list);
  return list[Math.floor(list.length / 2)] ?? null;
}

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
  // Whether findings may be turned into hazards: asked once the first result is shown, not on page load.
  const [canReport, setCanReport] = useState(false);
  useEffect(() => {
    if (!result || canReport) return;
    void fetch('/api/auth/me')
      .then((response) => (response.ok ? (response.json() as Promise<{ permissions: string[] }>) : null))
      .then((me) => setCanReport(Boolean(me?.permissions.includes('hazards:report'))))
      .catch(() => {});
  }, [result, canReport]);

  const hazardLink = (finding: Finding, title: string, village: string | null | undefined, measured: string, threshold: string) => {
    const point = findingPoint(finding.geometry);
    const params = new URLSearchParams({ new: '1', category: HAZARD_CATEGORY[finding.properties.analysis] ?? 'other' });
    if (finding.properties.rule_id) params.set('rule_id', String(finding.properties.rule_id));
    if (finding.properties.measured !== null) params.set('measured', String(finding.properties.measured));
    if (point) {
      params.set('lon', point[0].toFixed(7));
      params.set('lat', point[1].toFixed(7));
    }
    params.set(
      'description',
      `${title}${village ? `（${village}）` : ''}：${t('analysisPanel.measured')} ${measured}，${t('analysisPanel.threshold')} ${threshold}`,
    );
    return `/hazards?${params}`;
  };

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
          <ol className="finding-list" data-testid="finding-list">
            {result.features.slice(0, LISTED).map((finding, index) => {
              const why = explainFinding(finding.properties, result.rules, locale);
              const village = finding.properties.village_code ? villageNames[finding.properties.village_code] : null;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: the findings of one result never reorder
                <li key={index} className={selected === index ? 'selected' : ''}>
                  <button
                    type="button"
                    onClick={() => {
                      setSelected(index);
                      onSelect(finding);
                    }}
                  >
                    <span className="finding-title">
                      {why.title}
                      {village ? ` · ${village}` : ''}
                    </span>
                    <span className="finding-values">
                      {t('analysisPanel.measured')} {why.measured} / {t('analysisPanel.threshold')} {why.threshold}
                    </span>
                    {selected === index && (
                      <span className="finding-why" data-testid="finding-why">
                        {t('analysisPanel.why')}：{why.rule}
                      </span>
                    )}
                  </button>
                  {canReport && (
                    <a
                      className="hz-turn"
                      href={hazardLink(finding, why.title, village, why.measured, why.threshold)}
                      data-testid="finding-to-hazard"
                    >
                      {t('hz.turnIntoHazard')}
                    </a>
                  )}
                </li>
              );
            })}
          </ol>
          {result.features.length > LISTED && <div className="muted">{t('analysisPanel.moreFindings')}</div>}
        </div>
      )}
    </section>
  );
}
