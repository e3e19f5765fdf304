'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VillageSummary } from '@/db/queries/villages';
import type { Permission } from '@/lib/auth/roles';
import type { OutboxItem } from '@/lib/field/outbox-types';
import { circlePolygon, unionBbox } from '@/lib/geo';
import {
  filterParams,
  type HazardFilterState,
  type HazardPageState,
  listParams,
  nearText,
  pageSearch,
  parsedNear,
  parsedWithin,
  parsePageState,
  withinText,
} from '@/lib/hazards/url-state';
import { enumLabel } from '@/lib/i18n';
import type { BasemapConfig } from '@/lib/map/basemap';
import { hazardsByStatusLayer } from '@/lib/map/layers';
import { useOutbox } from '../field/OutboxContext';
import { OutboxImport } from '../field/OutboxImport';
import { OutboxPanel } from '../field/OutboxPanel';
import { useLocale, useT } from '../i18n-context';
import { PHONE_MEDIA } from '../phone';
import { callApi, errorMessage } from './api';
import { HazardCreateForm } from './HazardCreateForm';
import { HazardDetail } from './HazardDetail';
import { HazardFilters } from './HazardFilters';
import { HazardImport } from './HazardImport';
import { HazardMapView } from './HazardMapView';
import { HazardTable } from './HazardTable';
import { HazardToolbar } from './HazardToolbar';
import type { HazardMap, MapMode } from './hazard-map';
import { type HazardList, linkedGeometry } from './types';

export interface HazardsAppProps {
  villages: VillageSummary[];
  basemap: BasemapConfig;
  permissions: Permission[];
  /** The page URL's search part at render time (the state lives in the URL). */
  initialSearch: string;
}

/**
 * 隐患清单 · 整改销号: filters (all in the URL), the list and the map side by side and in sync, the detail
 * with the rectification steps, creating, exporting and importing.
 */
export function HazardsApp({ villages, basemap, permissions, initialSearch }: HazardsAppProps) {
  const t = useT();
  // A ?new=1 link (from the analysis panel) opens the form only for users who may record hazards.
  const [state, setState] = useState<HazardPageState>(() => {
    const parsed = parsePageState(initialSearch);
    return permissions.includes('hazards:report') ? parsed : { ...parsed, create: null };
  });
  const [list, setList] = useState<HazardList | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [refreshTick, setRefreshTick] = useState(0);
  const [mode, setMode] = useState<MapMode>(() => (state.create ? 'place' : 'browse'));
  const [radiusM, setRadiusM] = useState(() => Number(state.filter.radiusM) || 200);
  const [placing, setPlacing] = useState<[number, number] | null>(() =>
    state.create?.lon !== undefined && state.create.lat !== undefined ? [state.create.lon, state.create.lat] : null,
  );
  const [placingBuilding, setPlacingBuilding] = useState<number | null>(() => state.create?.building_id ?? null);
  const [linked, setLinked] = useState<GeoJSON.Geometry | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [outboxOpen, setOutboxOpen] = useState(false);
  const [outboxImportOpen, setOutboxImportOpen] = useState(false);
  const [draft, setDraft] = useState<OutboxItem | null>(null);
  const [queuedNote, setQueuedNote] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(true);
  // On a phone the filters are a sheet over the map: closed until asked for.
  useEffect(() => {
    if (window.matchMedia(PHONE_MEDIA).matches) setFiltersOpen(false);
  }, []);
  const [mapState, setMapState] = useState<'loading' | 'ready' | 'error'>('loading');
  const map = useRef<HazardMap | null>(null);
  const [mapReady, setMapReady] = useState(false);

  const canReport = permissions.includes('hazards:report');
  const canVerify = permissions.includes('hazards:verify');
  const townBounds = useMemo(() => unionBbox(villages.map((v) => v.bbox)), [villages]);

  // The URL mirrors the state (replaceState: filtering is not navigation, Back leaves the page).
  useEffect(() => {
    const url = `${window.location.pathname}${pageSearch(state)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', url);
  }, [state]);

  // A refresh (after an edit or an import) asks again: the tick makes it a new request.
  const listUrl = `/api/v1/hazards?${listParams(state).toString()}#${refreshTick}`;
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    void callApi<HazardList>(listUrl, { signal: abort.signal }).then((answer) => {
      if (abort.signal.aborted) return;
      setLoading(false);
      if (answer.ok && answer.body) {
        setList(answer.body);
        setListError(null);
      } else {
        setList(null);
        setListError(errorMessage(answer, t('hz.loadFailed')));
      }
    });
    return () => abort.abort();
  }, [listUrl, t]);

  // The map shows every hazard of the filter (light points), not just the list's page.
  const pointsUrl = `/api/v1/hazards?${filterParams(state.filter)}&view=points#${refreshTick}`;
  const [points, setPoints] = useState<GeoJSON.FeatureCollection | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    void callApi<GeoJSON.FeatureCollection>(pointsUrl, { signal: abort.signal }).then((answer) => {
      if (!abort.signal.aborted) setPoints(answer.ok ? answer.body : null);
    });
    return () => abort.abort();
  }, [pointsUrl]);

  // The map follows the filter, the selection, the area filter, the mode and the placing marker.
  useEffect(() => {
    if (mapReady) void map.current?.setHazards(points ?? { type: 'FeatureCollection', features: [] });
  }, [points, mapReady]);
  useEffect(() => {
    if (mapReady) void map.current?.setSelected(state.selected);
  }, [state.selected, mapReady]);
  const { within: withinParam, near: nearParam, radiusM: radiusParam } = state.filter;
  const area = useMemo(() => {
    const near = parsedNear({ near: nearParam, radiusM: radiusParam });
    return parsedWithin({ within: withinParam }) ?? (near ? circlePolygon(near.lon, near.lat, near.radiusM) : null);
  }, [withinParam, nearParam, radiusParam]);
  useEffect(() => {
    if (mapReady) void map.current?.setArea(area);
  }, [area, mapReady]);
  useEffect(() => {
    if (mapReady) void map.current?.setMode(mode);
  }, [mode, mapReady]);
  useEffect(() => {
    if (mapReady) void map.current?.setPlacing(state.create ? placing : null);
  }, [placing, state.create, mapReady]);
  useEffect(() => {
    // While placing a new hazard the map shows the building it will be linked to (drawn by the map itself).
    if (mapReady && !state.create) void map.current?.setLinked(state.selected ? linked : null);
  }, [linked, state.selected, state.create, mapReady]);

  // A prefilled new hazard (from the analysis panel) shows where it will go, once, when the map is ready.
  const shownPrefill = useRef(false);
  useEffect(() => {
    if (!mapReady || shownPrefill.current) return;
    shownPrefill.current = true;
    if (placing && state.create) map.current?.flyTo(placing, 17);
  }, [mapReady, placing, state.create]);

  const changeFilter = useCallback((filter: HazardFilterState) => {
    setState((previous) => ({ ...previous, filter, offset: 0 }));
  }, []);

  const select = useCallback((id: number | null, center?: [number, number]) => {
    setState((previous) => ({ ...previous, selected: id, create: id === null ? previous.create : null }));
    if (id !== null) {
      setMode('browse');
      if (center) map.current?.flyTo(center);
    }
  }, []);

  // A point picked on the map scrolls its row into view.
  useEffect(() => {
    if (state.selected === null || !list) return;
    document.querySelector(`[data-testid="hazard-row-${state.selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [state.selected, list]);

  const startCreate = () => {
    setState((previous) => ({ ...previous, selected: null, create: {} }));
    setPlacing(null);
    setPlacingBuilding(null);
    setMode('place');
  };

  const closeCreate = () => {
    setState((previous) => ({ ...previous, create: null }));
    setPlacing(null);
    setPlacingBuilding(null);
    void map.current?.setLinked(null);
    setMode('browse');
  };

  const onPointClick = (lon: number, lat: number, buildingId: number | null) => {
    if (mode === 'place') {
      setPlacing([lon, lat]);
      setPlacingBuilding(buildingId);
    }
    if (mode === 'near') {
      changeFilter({ ...state.filter, within: null, near: nearText(lon, lat), radiusM: String(radiusM) });
      setMode('browse');
    }
  };

  const onAreaDrawn = (geometry: GeoJSON.Polygon) => {
    changeFilter({ ...state.filter, within: withinText(geometry), near: null, radiusM: null });
    setMode('browse');
  };

  const refresh = useCallback(() => setRefreshTick((n) => n + 1), []);

  // Whatever the outbox gets acknowledged (now, or later when the phone is back online) shows in the list.
  const { items: outboxItems } = useOutbox();
  const syncedCount = outboxItems.filter((item) => item.state === 'synced').length;
  const lastSynced = useRef(syncedCount);
  useEffect(() => {
    if (syncedCount > lastSynced.current) refresh();
    lastSynced.current = syncedCount;
  }, [syncedCount, refresh]);

  // Escape leaves a map mode first, then closes the detail.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || importOpen || outboxOpen || outboxImportOpen) return;
      if (mode !== 'browse' && mode !== 'place') setMode('browse');
      else if (state.selected !== null && !state.create) setState((previous) => ({ ...previous, selected: null }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, state.selected, state.create, importOpen, outboxOpen, outboxImportOpen]);

  const selectedFeature = list?.features.find((f) => f.properties.id === state.selected);
  const sideOpen = state.create !== null || state.selected !== null;

  // On a laptop screen the detail takes the filters' room while it is open; they come back when it closes.
  const autoClosed = useRef(false);
  const wasSideOpen = useRef(false);
  useEffect(() => {
    // Only when the side panel opens or closes: the user may open the filters again meanwhile.
    if (sideOpen === wasSideOpen.current) return;
    wasSideOpen.current = sideOpen;
    if (sideOpen && window.innerWidth < 1700 && filtersOpen) {
      autoClosed.current = true;
      setFiltersOpen(false);
    } else if (!sideOpen && autoClosed.current) {
      autoClosed.current = false;
      setFiltersOpen(true);
    }
  }, [sideOpen, filtersOpen]);
  const columns = [filtersOpen ? '272px' : null, 'minmax(560px, 1.3fr)', 'minmax(280px, 1fr)', sideOpen ? '420px' : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={`hz-page${sideOpen ? ' hz-side-open' : ''}${filtersOpen ? '' : ' hz-filters-closed'}`} data-testid="hazards-page">
      <HazardToolbar
        filter={state.filter}
        list={list}
        canReport={canReport}
        canVerify={canVerify}
        filtersOpen={filtersOpen}
        onToggleFilters={() => setFiltersOpen((open) => !open)}
        onStatus={(statuses) => changeFilter({ ...state.filter, statuses })}
        onCreate={startCreate}
        onImport={() => setImportOpen(true)}
        onOutbox={() => setOutboxOpen(true)}
        onImportOutbox={permissions.includes('outbox:import') ? () => setOutboxImportOpen(true) : undefined}
      />
      {queuedNote && (
        <div className="fo-queued" role="status" data-testid="outbox-queued">
          {t('field.queued')}
          <button type="button" className="link-button" onClick={() => setQueuedNote(false)}>
            ×
          </button>
        </div>
      )}
      <div className="hz-body" style={{ gridTemplateColumns: columns }}>
        {filtersOpen && (
          <HazardFilters
            villages={villages}
            filter={state.filter}
            onChange={changeFilter}
            mode={mode}
            onMode={setMode}
            radiusM={radiusM}
            onRadius={setRadiusM}
            onFitVillages={(codes) => {
              const boxes = villages.filter((v) => codes.includes(v.code)).map((v) => v.bbox);
              map.current?.fitBounds(boxes.length > 0 ? unionBbox(boxes) : townBounds);
            }}
          />
        )}
        <section className="hz-list" aria-label={t('hz.list')} data-testid="hazard-list">
          {listError && (
            <div className="hz-error" role="alert" data-testid="hazard-list-error">
              {t('hz.badFilter')}：{listError}
            </div>
          )}
          <HazardTable
            list={list}
            loading={loading}
            selected={state.selected}
            limit={state.limit}
            offset={state.offset}
            onSelect={(feature) => select(feature.properties.id, feature.geometry.coordinates as [number, number])}
            onPage={(offset, limit) => setState((previous) => ({ ...previous, offset, limit }))}
          />
        </section>
        <section className="hz-map map-area" aria-label={t('hz.map')}>
          <HazardMapView
            basemap={basemap}
            offlineAttribution={t('map.offlineAttribution')}
            bounds={townBounds}
            onReady={(instance) => {
              map.current = instance;
              setMapReady(true);
            }}
            onHazardClick={(id) => {
              const feature = list?.features.find((f) => f.properties.id === id);
              select(id, feature?.geometry.coordinates as [number, number] | undefined);
            }}
            onPointClick={onPointClick}
            onAreaDrawn={onAreaDrawn}
            onStateChange={setMapState}
          />
          {mapState !== 'ready' && (
            <div className={`map-status ${mapState}`} role="status">
              {t(mapState === 'error' ? 'map.error' : 'map.loading')}
            </div>
          )}
          {mode !== 'browse' && (
            <div className="hz-map-hint" role="status" data-testid="map-mode-hint">
              {t(`hz.mode.${mode}`)}
              {mode !== 'place' && (
                <button type="button" className="link-button" onClick={() => setMode('browse')}>
                  {t('hz.cancel')}
                </button>
              )}
            </div>
          )}
          {list && list.features.length > 0 && (
            <button
              type="button"
              className="hz-fit"
              onClick={() => {
                const points = list.features.map((f) => f.geometry.coordinates as [number, number]);
                map.current?.fitBounds(unionBbox(points.map(([x, y]) => [x, y, x, y])));
              }}
              data-testid="map-fit-results"
              title={t('hz.fitResults')}
            >
              ⤢ {t('hz.fitResults')}
            </button>
          )}
          <MapLegend />
        </section>
        {state.create && (
          <HazardCreateForm
            key="create"
            prefill={state.create}
            placing={placing}
            buildingId={placingBuilding}
            canVerify={canVerify}
            onCancel={closeCreate}
            onCreated={(id) => {
              setPlacing(null);
              setPlacingBuilding(null);
              setMode('browse');
              setState((previous) => ({ ...previous, create: null, selected: id }));
              refresh();
            }}
            onQueued={() => {
              closeCreate();
              setQueuedNote(true);
            }}
          />
        )}
        {state.selected !== null && !state.create && (
          <HazardDetail
            key={`${state.selected}-${draft?.id ?? ''}`}
            id={state.selected}
            draft={draft?.hazardId === state.selected ? draft : null}
            canReport={canReport}
            canAudit={permissions.includes('audit:read')}
            canVerify={canVerify}
            onClose={() => {
              select(null);
              setLinked(null);
              setDraft(null);
            }}
            onChanged={refresh}
            onLoaded={(detail, first) => {
              setLinked(linkedGeometry(detail));
              // A hazard opened from a link (not on this page of the list) is shown once; later reloads leave the view.
              if (first && !selectedFeature) map.current?.flyTo(detail.hazard.geometry.coordinates as [number, number]);
            }}
          />
        )}
      </div>
      {outboxOpen && (
        <OutboxPanel
          onClose={() => setOutboxOpen(false)}
          onEdit={(item) => {
            setOutboxOpen(false);
            setDraft(item);
            select(item.hazardId);
          }}
        />
      )}
      {outboxImportOpen && <OutboxImport onClose={() => setOutboxImportOpen(false)} onImported={refresh} />}
      {importOpen && (
        <HazardImport
          onClose={() => setImportOpen(false)}
          onImported={() => {
            setImportOpen(false);
            refresh();
          }}
        />
      )}
    </div>
  );
}

/** The map's legend, from the hazards layer's own colour table. */
function MapLegend() {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="hz-legend" data-testid="hazard-legend">
      {hazardsByStatusLayer.legend().map((entry) => (
        <span key={'code' in entry.label ? entry.label.code : entry.label.message}>
          <i
            className={`hz-dot${'message' in entry.label ? ' hz-dot-overdue' : ''}`}
            style={'message' in entry.label ? { borderColor: entry.outline } : { background: entry.color }}
          />
          {'message' in entry.label ? t(entry.label.message) : enumLabel(locale, entry.label.enumGroup, entry.label.code)}
        </span>
      ))}
    </div>
  );
}
