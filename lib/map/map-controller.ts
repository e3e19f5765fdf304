import { MapboxOverlay } from '@deck.gl/mapbox';
import type { GeoJSONSource, VectorTileSource } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import { type Bbox, geometryBbox } from '../geo';
import { FINDINGS_STYLE, highlightLayer, SELECTION_STYLE } from './highlight';
import { collectLabels, declutter, type LabelCandidate, type LabelDatum, labelLayer } from './labels';
import type { LayerName } from './layer-names';
import { layerDefinition, MAP_LAYERS, type PageLayerName, type StyleOptions } from './layers';
import { initialStyle, tileUrl } from './map-style';
import { PluginHost } from './plugin-host';
import type { MapPlugin } from './plugins/types';
import { THEMES } from './themes';
import type { LonLat, MapControllerOptions, MapLayerId, PickedFeature, ScreenPoint } from './types';

export type { LonLat, MapControllerOptions, MapLayerId, MapState, MapTheme, PickedFeature, ScreenPoint } from './types';

/** GeoJSON layers the offline basemap draws from, loaded even when their own layer is hidden. */
const BASEMAP_SOURCES = new Set<LayerName>(['villages', 'passages', 'water-sources']);

/** The container of a map knows its controller: scripts and e2e drivers move and read the map through it. */
export type MapContainer = HTMLElement & { mapController?: MapController };

/**
 * The one imperative owner of the maplibre map and its deck.gl overlay. React tells it what to show
 * (visible layers, village filter, colouring, a page's own data) and it skips work when nothing changed;
 * page overlays and tools are plugins (`use`) that get a narrow context, never the map itself.
 */
export class MapController {
  readonly #map: maplibregl.Map;
  private readonly overlay: MapboxOverlay;
  private readonly plugins: PluginHost;
  private options: MapControllerOptions;
  private visible: Set<LayerName>;
  private villages: string[] = [];
  private labels = new Map<LayerName, LabelDatum[]>();
  private findings: GeoJSON.FeatureCollection | null = null;
  private selection: GeoJSON.Feature | null = null;
  /** The village filter (as a query string) each GeoJSON layer's data was loaded for. */
  private loadedFor = new Map<LayerName, string>();
  private loadGeneration = 0;
  private tileRevision = 0;
  private readonly styleLoaded: Promise<void>;

  constructor(container: HTMLElement, options: MapControllerOptions) {
    this.options = options;
    this.visible = new Set(options.visible);
    maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
    const map = new maplibregl.Map({
      container,
      style: initialStyle(options),
      bounds: options.bounds,
      fitBoundsOptions: { padding: 24 },
      attributionControl: {
        compact: false,
        customAttribution: options.basemap.kind === 'offline' ? options.offlineAttribution : undefined,
      },
      maxZoom: 19,
      minZoom: 8,
      locale: options.controlText,
      // Keep the canvas readable by screenshots (e2e) and exports.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.#map = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    // The scale bar grows with the labels, so its text fits the bar on the wall screen.
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 100 * (options.labelScale ?? 1) }), 'bottom-right');
    this.overlay = new MapboxOverlay({ interleaved: false, layers: [] });
    map.addControl(this.overlay);

    this.styleLoaded = new Promise((resolve) => map.once('style.load', () => resolve()));
    this.plugins = new PluginHost(map, (layer) => this.styleLayerIds(layer), this.styleLoaded);
    (container as MapContainer).mapController = this;
    // Marks for benchmarks and profiling (performance.getEntriesByType('mark')).
    map.once('load', () => performance.mark('map:load'));
    // Fetch the GeoJSON layers now, in parallel with the style, worker and first tiles.
    void this.loadData();
    map.on('moveend', () => this.options.onViewChange(this.viewBbox()));
    map.on('zoomend', () => this.renderOverlay());
    map.on('click', (event) => {
      const click = { lonLat: [event.lngLat.lng, event.lngLat.lat] as LonLat, point: { x: event.point.x, y: event.point.y } };
      if (!this.plugins.takeClick(click)) this.options.onFeatureClick(this.pick(click.point));
    });
    map.on('mousemove', (event) => {
      map.getCanvas().style.cursor = this.plugins.cursor() ?? (this.pick(event.point) ? 'pointer' : '');
    });
  }

  destroy(): void {
    this.plugins.disposeAll();
    this.#map.remove();
  }

  /** Adds a page overlay or tool; the returned function removes it and everything it added. */
  use(plugin: MapPlugin): () => void {
    return this.plugins.use(plugin);
  }

  viewBbox(): Bbox {
    const bounds = this.#map.getBounds();
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  }

  setVisible(layer: LayerName, visible: boolean): void {
    if (this.visible.has(layer) === visible) return;
    if (visible) this.visible.add(layer);
    else this.visible.delete(layer);
    for (const styleLayer of layerDefinition(layer).styleLayers(this.options.styleOptions)) {
      this.#map.setLayoutProperty(styleLayer.id, 'visibility', visible ? 'visible' : 'none');
    }
    if (visible) void this.loadData();
    this.renderOverlay();
  }

  setStyleOptions(styleOptions: StyleOptions): void {
    if (styleOptions.buildingColorMode === this.options.styleOptions.buildingColorMode) return;
    this.options = { ...this.options, styleOptions };
    const themed = THEMES[this.options.theme ?? 'light'].paint;
    for (const definition of MAP_LAYERS) {
      for (const styleLayer of definition.styleLayers(styleOptions)) {
        for (const [property, value] of Object.entries({ ...(styleLayer.paint ?? {}), ...(themed[styleLayer.id] ?? {}) })) {
          this.#map.setPaintProperty(styleLayer.id, property as 'fill-color', value as never);
        }
      }
    }
  }

  /** The features of a page's own layer (registered with `pageLayers`). */
  async setLayerData(layer: PageLayerName, data: GeoJSON.FeatureCollection): Promise<void> {
    await this.styleLoaded;
    (this.#map.getSource(layer) as GeoJSONSource | undefined)?.setData(data);
  }

  /** Shows only the given villages (all when empty) and fits the map to them. */
  setVillages(codes: string[], fitTo: Bbox): void {
    const same = codes.length === this.villages.length && codes.every((code, i) => code === this.villages[i]);
    if (!same) {
      this.villages = [...codes];
      (this.#map.getSource('buildings') as VectorTileSource | undefined)?.setTiles([tileUrl(codes, this.tileRevision)]);
      void this.loadData();
    }
    this.#map.fitBounds(fitTo, { padding: 40, duration: 600 });
  }

  /** Draws a layer afresh after its features changed (an edit, an import): data fetched again, tiles asked for anew. */
  refresh(layer: LayerName): void {
    if (layerDefinition(layer).source !== 'geojson') {
      this.tileRevision++;
      (this.#map.getSource(layer) as VectorTileSource | undefined)?.setTiles([tileUrl(this.villages, this.tileRevision)]);
      return;
    }
    this.loadedFor.delete(layer);
    void this.loadData();
  }

  /** Flies to a place; `closerOnly` keeps a closer zoom the user already chose. */
  flyTo(center: LonLat, zoom = 16, { closerOnly = false } = {}): void {
    this.#map.flyTo({ center, zoom: closerOnly ? Math.max(zoom, this.#map.getZoom()) : zoom, duration: 800 });
  }

  /** Jumps to a place at once (no animation). */
  jumpTo(center: LonLat, zoom: number): void {
    this.#map.jumpTo({ center, zoom });
  }

  /** Fits the map to a box (villages, a town). */
  fitBbox(bbox: Bbox, { padding = 70, maxZoom = 17 } = {}): void {
    this.#map.fitBounds(bbox, { padding, duration: 600, maxZoom });
  }

  /** Fits the map to a geometry (a finding, a feature). */
  fitTo(geometry: GeoJSON.Geometry): void {
    this.#map.fitBounds(geometryBbox(geometry), { padding: 120, maxZoom: 18, duration: 700 });
  }

  /** Where a lon/lat is on screen, in pixels from the container's top left. */
  project(lonLat: LonLat): ScreenPoint {
    const point = this.#map.project(lonLat);
    return { x: point.x, y: point.y };
  }

  /** How many features of a layer are drawn now (0 until its data or tiles are rendered). */
  renderedFeatureCount(layer: MapLayerId): number {
    const layers = this.styleLayerIds(layer).filter((id) => this.#map.getLayer(id));
    return layers.length === 0 ? 0 : this.#map.queryRenderedFeatures({ layers }).length;
  }

  /** How many features one style layer of a plugin (e.g. the locate plugin's accuracy circle) draws now. */
  renderedStyleLayerCount(styleLayerId: string): number {
    return this.#map.getLayer(styleLayerId) ? this.#map.queryRenderedFeatures({ layers: [styleLayerId] }).length : 0;
  }

  /** Outlines the feature whose card is open, or the finding picked from a list (null clears it). */
  setSelection(feature: GeoJSON.Feature | null): void {
    this.selection = feature;
    this.renderOverlay();
  }

  /** Draws analysis findings over the map (null clears them). */
  setFindings(findings: GeoJSON.FeatureCollection | null): void {
    this.findings = findings;
    this.renderOverlay();
  }

  /**
   * Loads the GeoJSON layers that are shown, or that the basemap draws, and not yet loaded for the current
   * village filter. Hidden layers wait until they are switched on: less to fetch and tile before first render.
   */
  private async loadData(): Promise<void> {
    const generation = ++this.loadGeneration;
    const query = this.villages.map((code) => `village=${code}`).join('&');
    const wanted = MAP_LAYERS.filter(
      (definition) =>
        definition.source === 'geojson' &&
        (this.visible.has(definition.id) || BASEMAP_SOURCES.has(definition.id)) &&
        this.loadedFor.get(definition.id) !== query,
    );
    if (wanted.length === 0) return;
    this.options.onStateChange('loading');
    try {
      const loaded = await Promise.all(
        wanted.map(async (definition) => {
          // Village areas are the basemap: always all of them; the filter only dims the others.
          const url = `/api/v1/layers/${definition.id}${query && definition.id !== 'villages' ? `?${query}` : ''}`;
          const response = await fetch(url);
          if (!response.ok) throw new Error(`${url}: ${response.status}`);
          return { definition, data: (await response.json()) as GeoJSON.FeatureCollection };
        }),
      );
      await this.styleLoaded;
      if (generation !== this.loadGeneration) return;
      performance.mark('map:data-fetched');
      for (const { definition, data } of loaded) {
        (this.#map.getSource(definition.id) as GeoJSONSource).setData(data);
        const labels = collectLabels(definition, data);
        if (labels) this.labels.set(definition.id, labels);
        this.loadedFor.set(definition.id, query);
      }
      this.highlightVillages();
      this.renderOverlay();
      performance.mark('map:data-set');
      this.#map.once('idle', () => {
        performance.mark('map:idle');
        if (generation === this.loadGeneration) this.options.onStateChange('ready');
      });
      this.#map.triggerRepaint();
    } catch (error) {
      console.error(error);
      this.options.onStateChange('error');
    }
  }

  private highlightVillages(): void {
    const selected = this.villages.length === 0 ? null : ['in', ['get', 'code'], ['literal', this.villages]];
    const opacity = selected ? ['case', selected, 0.7, 0.15] : 0.55;
    this.#map.setPaintProperty('villages-fill', 'fill-opacity', opacity as never);
  }

  /** The deck.gl overlay: analysis findings, the selection, then the labels of the layers shown. */
  private renderOverlay(): void {
    const zoom = this.#map.getZoom();
    const collection = (feature: GeoJSON.Feature): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [feature] });
    const theme = THEMES[this.options.theme ?? 'light'];
    const labelStyle = { outline: theme.labelOutline, color: theme.labelColor, scale: this.options.labelScale ?? 1 };
    this.overlay.setProps({
      layers: [
        ...(this.findings ? [highlightLayer('findings', this.findings, FINDINGS_STYLE)] : []),
        ...(this.selection ? [highlightLayer('selection', collection(this.selection), SELECTION_STYLE)] : []),
        ...[...this.placedLabels(zoom, labelStyle.scale).entries()].map(([layer, data]) => labelLayer(layer, data, labelStyle)),
      ],
    });
  }

  /** The labels of the layers shown at this zoom, without overlaps: village names first, then the top layers' down. */
  private placedLabels(zoom: number, scale: number): Map<LayerName, LabelDatum[]> {
    const order = [...MAP_LAYERS].reverse().sort((a, b) => Number(b.id === 'villages') - Number(a.id === 'villages'));
    const candidates: LabelCandidate[] = order
      .filter((definition) => this.visible.has(definition.id))
      .flatMap((definition) =>
        (this.labels.get(definition.id) ?? []).filter((datum) => zoom >= datum.minZoom).map((datum) => ({ layer: definition.id, datum })),
      );
    return declutter(candidates, (position) => this.project(position), scale);
  }

  /** The maplibre style layers that draw a layer. */
  private styleLayerIds(layer: MapLayerId): string[] {
    const page = this.options.pageLayers?.find((definition) => definition.id === layer);
    if (page) return page.styleLayers().map((styleLayer) => styleLayer.id);
    const definition = MAP_LAYERS.find((candidate) => candidate.id === layer);
    return definition ? definition.styleLayers(this.options.styleOptions).map((styleLayer) => styleLayer.id) : [];
  }

  private pick(point: ScreenPoint): PickedFeature | null {
    const candidates: MapLayerId[] = this.options.pickable
      ? [...this.options.pickable]
      : [
          ...MAP_LAYERS.filter((definition) => this.visible.has(definition.id)).map((d) => d.id),
          ...(this.options.pageLayers ?? []).map((d) => d.id as PageLayerName),
        ];
    const layers = candidates.flatMap((layer) => this.styleLayerIds(layer));
    if (layers.length === 0) return null;
    const [top] = this.#map.queryRenderedFeatures([point.x, point.y], { layers });
    if (!top) return null;
    const id = top.properties?.id ?? top.id;
    if (id === undefined || id === null) return null;
    return { layer: top.source as MapLayerId, id: String(id) };
  }
}
