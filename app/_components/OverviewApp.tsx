'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit } from '@/db/queries/search';
import type { VillageSummary } from '@/db/queries/villages';
import type { AnalysisResult, Finding } from '@/lib/analysis/types';
import { type Bbox, unionBbox } from '@/lib/geo';
import type { BasemapConfig } from '@/lib/map/basemap';
import { isLayerName, type LayerName } from '@/lib/map/layer-names';
import { type BuildingColorMode, MAP_LAYERS, type StyleOptions } from '@/lib/map/layers';
import type { MapController } from '@/lib/map/map-controller';
import { AnalysisPanel } from './AnalysisPanel';
import { DetailCard } from './DetailCard';
import { useT } from './i18n-context';
import { LayerPanel } from './LayerPanel';
import { MapView } from './MapView';
import { SearchBox } from './SearchBox';
import { VillageFilter } from './VillageFilter';

export interface OverviewAppProps {
  /** The villages the user may see. */
  villages: VillageSummary[];
  basemap: BasemapConfig;
}

/** The overview map page (一张图): village filter, search, layers with live counts, map and detail card. */
export function OverviewApp({ villages, basemap }: OverviewAppProps) {
  const t = useT();
  const controller = useRef<MapController | null>(null);
  const [visible, setVisibleState] = useState<Set<LayerName>>(
    () => new Set(MAP_LAYERS.filter((layer) => layer.defaultVisible).map((layer) => layer.id)),
  );
  const [styleOptions, setStyleOptions] = useState<StyleOptions>({ buildingColorMode: 'use' });
  const [selectedVillages, setSelectedVillages] = useState<string[]>([]);
  const [view, setView] = useState<Bbox | null>(null);
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [picked, setPicked] = useState<{ layer: LayerName; id: string } | null>(null);
  const [pickedFeature, setPickedFeature] = useState<GeoJSON.Feature | null>(null);
  const [mapState, setMapState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [tab, setTab] = useState<'layers' | 'analysis'>('layers');
  // On a phone the panel is a bottom sheet over the map, folded to its search box until opened.
  const [sheetOpen, setSheetOpen] = useState(false);

  const townBounds = useMemo(() => unionBbox(villages.map((v) => v.bbox)), [villages]);
  const villageNames = useMemo(() => Object.fromEntries(villages.map((v) => [v.code, v.name])), [villages]);

  // Live counts for the view and the village filter, once the map has drawn (the embedded database answers
  // one query at a time, and the first render's tiles matter more).
  const [drawnOnce, setDrawnOnce] = useState(false);
  useEffect(() => {
    if (mapState === 'ready') setDrawnOnce(true);
  }, [mapState]);
  useEffect(() => {
    if (!view || !drawnOnce) return;
    const controllerAbort = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ bbox: view.map((n) => n.toFixed(6)).join(',') });
      for (const code of selectedVillages) params.append('village', code);
      try {
        const response = await fetch(`/api/v1/counts?${params}`, { signal: controllerAbort.signal });
        if (response.ok) setCounts(((await response.json()) as { counts: Record<string, number> }).counts);
      } catch {
        // superseded
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controllerAbort.abort();
    };
  }, [view, selectedVillages, drawnOnce]);

  // The detail card's full record.
  useEffect(() => {
    setPickedFeature(null);
    controller.current?.setSelection(null);
    if (!picked) return;
    const abort = new AbortController();
    void fetch(`/api/v1/features/${picked.layer}/${encodeURIComponent(picked.id)}`, { signal: abort.signal })
      .then((response) => (response.ok ? (response.json() as Promise<GeoJSON.Feature>) : null))
      .then((feature) => {
        setPickedFeature(feature);
        controller.current?.setSelection(feature);
      })
      .catch(() => {});
    return () => abort.abort();
  }, [picked]);

  const setVisible = useCallback((layer: LayerName, on: boolean) => {
    controller.current?.setVisible(layer, on);
    setVisibleState((previous) => {
      const next = new Set(previous);
      if (on) next.add(layer);
      else next.delete(layer);
      return next;
    });
  }, []);

  const changeVillages = useCallback(
    (codes: string[]) => {
      setSelectedVillages(codes);
      const boxes = villages.filter((v) => codes.includes(v.code)).map((v) => v.bbox);
      controller.current?.setVillages(codes, boxes.length > 0 ? unionBbox(boxes) : townBounds);
    },
    [villages, townBounds],
  );

  const changeColorMode = useCallback((mode: BuildingColorMode) => {
    const next = { buildingColorMode: mode };
    controller.current?.setStyleOptions(next);
    setStyleOptions(next);
  }, []);

  const pickSearchHit = useCallback((hit: SearchHit) => {
    controller.current?.flyTo(hit.center, hit.layer === 'villages' ? 14.5 : 17);
    setPicked({ layer: hit.layer, id: hit.id });
  }, []);

  const showAnalysis = useCallback((result: AnalysisResult | null) => {
    controller.current?.setFindings(result);
  }, []);

  const selectFinding = useCallback((finding: Finding) => {
    setPicked(null);
    controller.current?.fitTo(finding.geometry);
    controller.current?.setSelection(finding);
  }, []);

  return (
    <div className="workspace">
      <nav className={`side-panel sheet${sheetOpen ? ' sheet-open' : ''}`} aria-label={t('panel.layers')} data-testid="overview-sheet">
        <button
          type="button"
          className="sheet-handle"
          onClick={() => setSheetOpen((open) => !open)}
          aria-expanded={sheetOpen}
          aria-label={t('map.sheetToggle')}
          data-testid="sheet-handle"
        >
          <span aria-hidden="true" />
        </button>
        <SearchBox villages={selectedVillages} onPick={pickSearchHit} />
        <VillageFilter villages={villages} selected={selectedVillages} onChange={changeVillages} />
        <div className="tabs" role="tablist">
          {(['layers', 'analysis'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? 'tab tab-on' : 'tab'}
              onClick={() => setTab(name)}
              data-testid={`tab-${name}`}
            >
              {t(name === 'layers' ? 'tabs.layers' : 'tabs.analysis')}
            </button>
          ))}
        </div>
        <div hidden={tab !== 'layers'}>
          <LayerPanel visible={visible} counts={counts} styleOptions={styleOptions} onToggle={setVisible} onColorMode={changeColorMode} />
        </div>
        <div hidden={tab !== 'analysis'}>
          <AnalysisPanel villages={selectedVillages} villageNames={villageNames} onResult={showAnalysis} onSelect={selectFinding} />
        </div>
      </nav>
      <main className="map-area">
        <MapView
          locate
          basemap={basemap}
          offlineAttribution={t('map.offlineAttribution')}
          bounds={townBounds}
          visible={visible}
          styleOptions={styleOptions}
          onReady={(c) => {
            controller.current = c;
            setView(c.viewBbox());
          }}
          onFeatureClick={(feature) => setPicked(feature && isLayerName(feature.layer) ? { layer: feature.layer, id: feature.id } : null)}
          onViewChange={setView}
          onStateChange={setMapState}
        />
        {mapState !== 'ready' && (
          <div className={`map-status ${mapState}`} role="status">
            {t(mapState === 'error' ? 'map.error' : 'map.loading')}
          </div>
        )}
        {picked && <DetailCard layer={picked.layer} feature={pickedFeature} villageNames={villageNames} onClose={() => setPicked(null)} />}
      </main>
    </div>
  );
}
