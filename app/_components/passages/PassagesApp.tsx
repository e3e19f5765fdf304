'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VillageSummary } from '@/db/queries/villages';
import { unionBbox } from '@/lib/geo';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { LayerName } from '@/lib/map/layer-names';
import { layerDefinition } from '@/lib/map/layers';
import type { MapController, PickedFeature } from '@/lib/map/map-controller';
import { DrawPlugin } from '@/lib/map/plugins/draw.plugin';
import { PLANNING_LEGEND, PlanningOverlayPlugin } from '@/lib/map/plugins/planning-overlay.plugin';
import { PointPickPlugin } from '@/lib/map/plugins/point-pick.plugin';
import { useLocale, useT } from '../i18n-context';
import { MapLegend } from '../MapLegend';
import { MapView } from '../MapView';
import { FixList } from './FixList';
import { SegmentList } from './SegmentList';
import { SuggestionPanel } from './SuggestionPanel';
import {
  type DraftFix,
  type DraftSite,
  type FixRow,
  type FixSpec,
  postJson,
  requestJson,
  type ScenarioResult,
  type ScenarioRow,
  type SegmentToFix,
  type Site,
  type Suggestions,
} from './types';
import { WhatIfPanel } from './WhatIfPanel';

export interface PassagesAppProps {
  villages: VillageSummary[];
  basemap: BasemapConfig;
}

const VISIBLE = new Set<LayerName>(['villages', 'buildings', 'passages', 'obstacles', 'water-sources', 'stations']);
const STYLE = { buildingColorMode: 'use' as const };
// The passages' own colours and the obstacles on them, then the planner's marks.
const LEGEND = [...layerDefinition('passages').legend(STYLE), ...layerDefinition('obstacles').legend(STYLE), ...PLANNING_LEGEND];
let draftCounter = 0;

/** 通道整改规划: ranked segments, the what-if of a set of fixes and sites, saved fixes and siting suggestions. */
export function PassagesApp({ villages, basemap }: PassagesAppProps) {
  const locale = useLocale();
  const t = useT();
  const controller = useRef<MapController | null>(null);
  // The planner's marks, the line drawing and the site drops: plugins on the shared map, made once.
  const [{ overlay, draw, pick }] = useState(() => ({
    overlay: new PlanningOverlayPlugin(),
    draw: new DrawPlugin(),
    pick: new PointPickPlugin(),
  }));
  const [toolShown, setToolShown] = useState<string>('none');
  const [mapState, setMapState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [tab, setTab] = useState<'segments' | 'fixes' | 'suggest'>('segments');
  const [segments, setSegments] = useState<SegmentToFix[] | null>(null);
  const [summary, setSummary] = useState<{ buildings: number; without: number } | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [fixes, setFixes] = useState<FixRow[] | null>(null);
  const [scenarios, setScenarios] = useState<ScenarioRow[]>([]);
  const [draftFixes, setDraftFixes] = useState<DraftFix[]>([]);
  const [draftSites, setDraftSites] = useState<DraftSite[]>([]);
  const [result, setResult] = useState<ScenarioResult | null>(null);
  const [evalState, setEvalState] = useState<'idle' | 'running' | 'error'>('idle');
  const [evalError, setEvalError] = useState<string | null>(null);
  const [tool, setTool] = useState<'none' | 'line' | 'water' | 'station'>('none');
  const [linkWidth, setLinkWidth] = useState(5);
  const villageNames = useMemo(() => Object.fromEntries(villages.map((v) => [v.code, v.name])), [villages]);
  const bounds = useMemo(() => unionBbox(villages.map((v) => v.bbox)), [villages]);

  const loadSegments = useCallback(async () => {
    const data = await requestJson<{ segments: SegmentToFix[]; buildings: number; without_truck_access: number }>(
      '/api/v1/passage-fixes/segments',
    );
    setSegments(data.segments);
    setSummary({ buildings: data.buildings, without: data.without_truck_access });
    void overlay.setSegments({
      type: 'FeatureCollection',
      features: data.segments.map((s) => ({
        type: 'Feature',
        geometry: s.geometry,
        properties: { passage_id: s.passage_id, cut_off: s.cut_off },
      })),
    });
  }, [overlay]);
  const loadFixes = useCallback(async () => setFixes((await requestJson<{ fixes: FixRow[] }>('/api/v1/passage-fixes')).fixes), []);
  const loadScenarios = useCallback(
    async () => setScenarios((await requestJson<{ scenarios: ScenarioRow[] }>('/api/v1/scenarios')).scenarios),
    [],
  );

  useEffect(() => {
    void loadSegments().catch(() => setSegments([]));
    void loadFixes().catch(() => setFixes([]));
    void loadScenarios().catch(() => {});
  }, [loadSegments, loadFixes, loadScenarios]);

  // Evaluate the what-if set whenever it changes (the server runs the analysis code on the scenario network).
  useEffect(() => {
    if (draftFixes.length === 0 && draftSites.length === 0) {
      setResult(null);
      setEvalError(null);
      void overlay.setWhatIf(null, null, null);
      return;
    }
    const abort = new AbortController();
    setEvalState('running');
    setEvalError(null);
    void fetch('/api/v1/scenarios/evaluate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      signal: abort.signal,
      body: JSON.stringify({ fixes: draftFixes.map((f) => f.spec), sites: draftSites.map((s) => s.site) }),
    })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ?? String(response.status));
        const data = body as ScenarioResult;
        setResult(data);
        setEvalState('idle');
        const resolvedIds = new Set(data.resolved_findings.map((f) => f.passageId));
        void overlay.setWhatIf(data.newly_reachable, data.new_links, {
          type: 'FeatureCollection',
          features: (segments ?? [])
            .filter((s) => resolvedIds.has(s.passage_id))
            .map((s) => ({ type: 'Feature', geometry: s.geometry, properties: {} })),
        });
      })
      .catch((error: Error) => {
        if (error.name === 'AbortError') return;
        setEvalState('error');
        setEvalError(error.message);
      });
    return () => abort.abort();
  }, [draftFixes, draftSites, segments, overlay]);

  useEffect(() => {
    void overlay.setFixes({
      type: 'FeatureCollection',
      features: (fixes ?? []).flatMap((f) =>
        f.geometry ? [{ type: 'Feature' as const, geometry: f.geometry, properties: { id: f.id, status: f.status, kind: f.kind } }] : [],
      ),
    });
  }, [fixes, overlay]);

  useEffect(() => {
    void overlay.setSites({
      type: 'FeatureCollection',
      features: draftSites.map((s) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.site.lon, s.site.lat] },
        properties: { kind: s.site.kind },
      })),
    });
  }, [draftSites, overlay]);

  const addFix = useCallback((spec: FixSpec, label: string) => {
    setDraftFixes((list) =>
      list.some((f) => JSON.stringify(f.spec) === JSON.stringify(spec)) ? list : [...list, { key: `f${++draftCounter}`, spec, label }],
    );
  }, []);
  const addSite = useCallback((site: Site) => setDraftSites((list) => [...list, { key: `s${++draftCounter}`, site }]), []);

  const selectSegment = useCallback(
    (segment: SegmentToFix) => {
      setSelected((current) => (current === segment.passage_id ? null : segment.passage_id));
      void overlay.fit(segment.geometry);
      void overlay.setFocus(segment.geometry);
    },
    [overlay],
  );

  const onMapReady = useCallback(
    (c: MapController) => {
      controller.current = c;
      for (const plugin of [overlay, draw, pick]) c.use(plugin);
    },
    [overlay, draw, pick],
  );

  const pickFeature = useCallback(
    (picked: PickedFeature | null) => {
      if (tool !== 'none' || !picked || picked.layer !== 'passages') return;
      const segment = segments?.find((s) => String(s.passage_id) === picked.id);
      if (segment) {
        setTab('segments');
        setSelected(segment.passage_id);
        void overlay.setFocus(segment.geometry);
      }
    },
    [segments, tool, overlay],
  );

  const stopTool = () => {
    draw.cancel();
    pick.stop();
    setTool('none');
    setToolShown('none');
  };

  const startTool = (next: typeof tool) => {
    if (!controller.current) return;
    draw.cancel();
    pick.stop();
    if (next === tool || next === 'none') {
      stopTool();
      return;
    }
    setTool(next);
    if (next === 'line') {
      void draw
        .start('linestring', (drawn) => {
          if (drawn.type !== 'LineString') return;
          stopTool();
          addFix(
            { kind: 'new_link', geometry: drawn as never, width_m: linkWidth, class: 'lane' },
            `${t('passages.kind.new_link')} (${drawn.coordinates.length} ${locale === 'en' ? 'points' : '点'}, ${linkWidth} m)`,
          );
        })
        .then(() => draw.drawing && setToolShown(next));
    } else {
      pick.start(
        ({ lonLat: [lon, lat] }) => {
          stopTool();
          addSite({ kind: next, lon, lat });
        },
        { once: true },
      );
      setToolShown(next);
    }
  };

  const removeDraft = (key: string) => {
    setDraftFixes((list) => list.filter((f) => f.key !== key));
    setDraftSites((list) => list.filter((s) => s.key !== key));
  };
  const clearDraft = () => {
    setDraftFixes([]);
    setDraftSites([]);
  };

  const saveFixes = async (details: { responsible: string; deadline: string | null; note: string }) => {
    for (const fix of draftFixes) await postJson('/api/v1/passage-fixes', { fix: fix.spec, ...details });
    clearDraft();
    await loadFixes();
    setTab('fixes');
  };
  const saveScenario = async (name: string) => {
    await postJson('/api/v1/scenarios', { name, fixes: draftFixes.map((f) => f.spec), sites: draftSites.map((s) => s.site) });
    await loadScenarios();
  };
  const applyScenario = async (id: number, details: { responsible: string; deadline: string | null; note: string }) => {
    await postJson(`/api/v1/scenarios/${id}/apply`, details);
    await Promise.all([loadScenarios(), loadFixes()]);
    setTab('fixes');
  };
  const loadScenario = (scenario: ScenarioRow) => {
    setDraftFixes(
      scenario.fixes.map((spec) => ({ key: `f${++draftCounter}`, spec, label: `${t(`passages.kind.${spec.kind}`)} · ${scenario.name}` })),
    );
    setDraftSites(scenario.sites.map((site) => ({ key: `s${++draftCounter}`, site })));
  };

  const fixChanged = (fix: FixRow) => {
    setFixes((list) => (list ?? []).map((f) => (f.id === fix.id ? fix : f)));
    // Completing a fix changes the passage data: the ranking and the analyses follow it.
    if (fix.status === 'done' || fix.status === 'accepted') void loadSegments();
  };

  const showSuggestions = (data: Suggestions | null) => {
    void overlay.setSuggested({
      type: 'FeatureCollection',
      features: (data?.sites ?? []).map((s) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        properties: { rank: s.rank },
      })),
    });
  };

  return (
    <div className="workspace">
      <nav className="side-panel planner-panel" aria-label={t('passages.title')}>
        {summary && (
          <div className="planner-kpi" data-testid="planner-kpi">
            <span>{t('passages.summary')}</span>
            <strong data-testid="without-truck-access">{summary.without.toLocaleString()}</strong>
            <small>/ {summary.buildings.toLocaleString()}</small>
          </div>
        )}
        <div className="tool-row">
          <button
            type="button"
            className={tool === 'line' ? 'tool tool-on' : 'tool'}
            onClick={() => startTool('line')}
            data-testid="tool-draw-link"
          >
            {tool === 'line' ? t('passages.action.cancelDraw') : t('passages.action.drawLink')}
          </button>
          <label className="tool-width">
            <input
              type="number"
              min={1}
              max={30}
              step={0.5}
              value={linkWidth}
              onChange={(e) => setLinkWidth(Number(e.target.value) || 5)}
              data-testid="link-width"
            />{' '}
            m
          </label>
        </div>
        <div className="tool-row">
          <button
            type="button"
            className={tool === 'water' ? 'tool tool-on' : 'tool'}
            onClick={() => startTool('water')}
            data-testid="tool-drop-water"
          >
            {t('passages.action.dropWater')}
          </button>
          <button
            type="button"
            className={tool === 'station' ? 'tool tool-on' : 'tool'}
            onClick={() => startTool('station')}
            data-testid="tool-drop-station"
          >
            {t('passages.action.dropStation')}
          </button>
        </div>
        {tool !== 'none' && (
          <div className="tool-hint" role="status">
            {t(tool === 'line' ? 'passages.action.drawHint' : 'passages.action.dropHint')}
          </div>
        )}
        <div className="tabs" role="tablist">
          {(['segments', 'fixes', 'suggest'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? 'tab tab-on' : 'tab'}
              onClick={() => setTab(name)}
              data-testid={`planner-tab-${name}`}
            >
              {t(`passages.tab.${name}`)}
              {name === 'fixes' && fixes ? ` (${fixes.length})` : ''}
            </button>
          ))}
        </div>
        <div hidden={tab !== 'segments'}>
          <p className="hint">{t('passages.segmentsHint')}</p>
          <SegmentList segments={segments} villageNames={villageNames} selected={selected} onSelect={selectSegment} onAddFix={addFix} />
        </div>
        <div hidden={tab !== 'fixes'}>
          <FixList fixes={fixes} onChanged={fixChanged} onSelect={(fix) => fix.geometry && controller.current?.fitTo(fix.geometry)} />
        </div>
        <div hidden={tab !== 'suggest'}>
          <SuggestionPanel onResult={showSuggestions} onAddSite={addSite} onFocus={(at) => controller.current?.flyTo(at, 17)} />
        </div>
      </nav>
      <main className="map-area">
        <MapView
          basemap={basemap}
          offlineAttribution={t('map.offlineAttribution')}
          bounds={bounds}
          visible={VISIBLE}
          styleOptions={STYLE}
          mode={toolShown}
          onReady={onMapReady}
          onFeatureClick={pickFeature}
          onViewChange={() => {}}
          onStateChange={setMapState}
        />
        {mapState !== 'ready' && (
          <div className={`map-status ${mapState}`} role="status">
            {t(mapState === 'error' ? 'map.error' : 'map.loading')}
          </div>
        )}
        <MapLegend entries={LEGEND} testId="passages-legend" />
        <WhatIfPanel
          fixes={draftFixes}
          sites={draftSites}
          result={result}
          state={evalState}
          error={evalError}
          scenarios={scenarios}
          onRemove={removeDraft}
          onClear={clearDraft}
          onSaveFixes={saveFixes}
          onSaveScenario={saveScenario}
          onApply={applyScenario}
          onLoad={loadScenario}
        />
      </main>
    </div>
  );
}
