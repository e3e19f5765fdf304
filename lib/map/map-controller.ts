import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { GeoJSONSource, StyleSpecification, VectorTileSource } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import type { Bbox } from '../geo';
import type { BasemapConfig } from './basemap';
import type { LayerName } from './layer-names';
import { MAP_LAYERS, type MapLayerDefinition, type StyleOptions } from './layers';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
/** GeoJSON layers the offline basemap draws from, loaded even when their own layer is hidden. */
const BASEMAP_SOURCES = new Set<LayerName>(['villages', 'passages', 'water-sources']);
const LABEL_FONT = '"WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

export interface PickedFeature {
  layer: LayerName;
  id: string;
}

export interface MapControllerOptions {
  basemap: BasemapConfig;
  /** Attribution shown for the offline basemap (in the UI language). */
  offlineAttribution: string;
  styleOptions: StyleOptions;
  visible: ReadonlySet<LayerName>;
  /** Initial extent: the whole town. */
  bounds: Bbox;
  onFeatureClick(picked: PickedFeature | null): void;
  onViewChange(bbox: Bbox): void;
  onStateChange(state: 'loading' | 'ready' | 'error'): void;
}

interface LabelDatum {
  position: [number, number];
  text: string;
  size: number;
  color: [number, number, number];
  minZoom: number;
}

type Rgba = [number, number, number, number];

/** Features drawn over the map in one colour: analysis findings, or the selected feature. */
function highlightLayer(
  id: string,
  data: GeoJSON.FeatureCollection,
  style: { fill: Rgba; line: Rgba; width: number; radius: number },
): GeoJsonLayer {
  return new GeoJsonLayer({
    id,
    data,
    stroked: true,
    filled: true,
    getFillColor: style.fill,
    getLineColor: style.line,
    getLineWidth: style.width,
    lineWidthUnits: 'pixels',
    lineWidthMinPixels: 2,
    pointType: 'circle',
    getPointRadius: style.radius,
    pointRadiusUnits: 'pixels',
  });
}

/** [west, south, east, north] of any GeoJSON geometry. */
function geometryBounds(geometry: GeoJSON.Geometry): [number, number, number, number] {
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      bounds[0] = Math.min(bounds[0], x);
      bounds[1] = Math.min(bounds[1], y);
      bounds[2] = Math.max(bounds[2], x);
      bounds[3] = Math.max(bounds[3], y);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => visit((g as GeoJSON.Point).coordinates));
  else visit(geometry.coordinates);
  return bounds;
}

function tileUrl(villages: string[]): string {
  const query = villages.map((code) => `village=${code}`).join('&');
  return `${window.location.origin}/api/v1/tiles/buildings/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`;
}

/** The offline basemap: made only of the product's own data, so it needs no request outside the app. */
function basemapLayers(basemap: BasemapConfig): StyleSpecification['layers'] {
  const own: StyleSpecification['layers'] = [
    { id: 'basemap-land', type: 'background', paint: { 'background-color': '#f2efe6' } },
    { id: 'basemap-village-area', type: 'fill', source: 'villages', paint: { 'fill-color': '#e3ead8' } },
    {
      id: 'basemap-roads',
      type: 'line',
      source: 'passages',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': '#ffffff',
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 17, 12],
      },
    },
    {
      id: 'basemap-water',
      type: 'circle',
      source: 'water-sources',
      filter: ['in', ['get', 'kind'], ['literal', ['pond', 'river_intake']]],
      paint: { 'circle-color': '#bcdcf0', 'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 17, 16] },
    },
  ];
  if (basemap.kind === 'offline') return own;
  // An online basemap replaces the land colour; our village areas and roads stay on top, lighter.
  return [
    { id: 'basemap-raster', type: 'raster', source: 'basemap-raster' },
    ...(basemap.overlayTiles ? [{ id: 'basemap-raster-labels', type: 'raster' as const, source: 'basemap-raster-labels' }] : []),
  ];
}

function initialStyle(options: MapControllerOptions): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  for (const layer of MAP_LAYERS) {
    sources[layer.id] =
      layer.source === 'tiles'
        ? { type: 'vector', tiles: [tileUrl([])], minzoom: 12, maxzoom: 16 } // MVT feature ids identify buildings
        : { type: 'geojson', data: EMPTY, promoteId: 'id' };
  }
  if (options.basemap.kind === 'raster') {
    sources['basemap-raster'] = { type: 'raster', tiles: options.basemap.tiles, tileSize: 256, attribution: options.basemap.attribution };
    if (options.basemap.overlayTiles) {
      sources['basemap-raster-labels'] = { type: 'raster', tiles: options.basemap.overlayTiles, tileSize: 256 };
    }
  }
  return { version: 8, sources, layers: [...basemapLayers(options.basemap), ...thematicLayers(options)] };
}

function thematicLayers(options: MapControllerOptions): StyleSpecification['layers'] {
  const layers: StyleSpecification['layers'] = [];
  for (const definition of MAP_LAYERS) {
    for (const styleLayer of definition.styleLayers(options.styleOptions)) {
      layers.push({
        ...styleLayer,
        source: definition.id,
        layout: { ...(styleLayer.layout ?? {}), visibility: options.visible.has(definition.id) ? 'visible' : 'none' },
      } as StyleSpecification['layers'][number]);
    }
  }
  return layers;
}

/**
 * The one imperative owner of the maplibre map and its deck.gl overlay. React tells it what to show
 * (visible layers, village filter, colouring) and it skips work when nothing changed.
 */
export class MapController {
  readonly map: maplibregl.Map;
  private readonly overlay: MapboxOverlay;
  private options: MapControllerOptions;
  private visible: Set<LayerName>;
  private villages: string[] = [];
  private labels = new Map<LayerName, LabelDatum[]>();
  private findings: GeoJSON.FeatureCollection | null = null;
  private selection: GeoJSON.Feature | null = null;
  /** The village filter (as a query string) each GeoJSON layer's data was loaded for. */
  private loadedFor = new Map<LayerName, string>();
  private loadGeneration = 0;
  private readonly styleLoaded: Promise<void>;

  constructor(container: HTMLElement, options: MapControllerOptions) {
    this.options = options;
    this.visible = new Set(options.visible);
    maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
    this.map = new maplibregl.Map({
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
      // Keep the canvas readable by screenshots (e2e) and exports.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.overlay = new MapboxOverlay({ interleaved: false, layers: [] });
    this.map.addControl(this.overlay);

    this.styleLoaded = new Promise((resolve) => this.map.once('style.load', () => resolve()));
    // Marks for benchmarks and profiling (performance.getEntriesByType('mark')).
    this.map.once('load', () => performance.mark('map:load'));
    // Fetch the GeoJSON layers now, in parallel with the style, worker and first tiles.
    void this.loadData();
    this.map.on('moveend', () => this.options.onViewChange(this.viewBbox()));
    this.map.on('zoomend', () => this.renderOverlay());
    this.map.on('click', (event) => this.handleClick(event.point));
    this.map.on('mousemove', (event) => {
      this.map.getCanvas().style.cursor = this.pick(event.point) ? 'pointer' : '';
    });
  }

  destroy(): void {
    this.map.remove();
  }

  viewBbox(): Bbox {
    const bounds = this.map.getBounds();
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  }

  setVisible(layer: LayerName, visible: boolean): void {
    if (this.visible.has(layer) === visible) return;
    if (visible) this.visible.add(layer);
    else this.visible.delete(layer);
    const definition = MAP_LAYERS.find((d) => d.id === layer)!;
    for (const styleLayer of definition.styleLayers(this.options.styleOptions)) {
      this.map.setLayoutProperty(styleLayer.id, 'visibility', visible ? 'visible' : 'none');
    }
    if (visible) void this.loadData();
    this.renderOverlay();
  }

  setStyleOptions(styleOptions: StyleOptions): void {
    if (styleOptions.buildingColorMode === this.options.styleOptions.buildingColorMode) return;
    this.options = { ...this.options, styleOptions };
    for (const definition of MAP_LAYERS) {
      for (const styleLayer of definition.styleLayers(styleOptions)) {
        for (const [property, value] of Object.entries(styleLayer.paint ?? {})) {
          this.map.setPaintProperty(styleLayer.id, property as 'fill-color', value as never);
        }
      }
    }
  }

  /** Shows only the given villages (all when empty) and fits the map to them. */
  setVillages(codes: string[], fitTo: Bbox): void {
    const same = codes.length === this.villages.length && codes.every((code, i) => code === this.villages[i]);
    if (!same) {
      this.villages = [...codes];
      (this.map.getSource('buildings') as VectorTileSource | undefined)?.setTiles([tileUrl(codes)]);
      void this.loadData();
    }
    this.map.fitBounds(fitTo, { padding: 40, duration: 600 });
  }

  flyTo(center: [number, number], zoom = 16): void {
    this.map.flyTo({ center, zoom, duration: 800 });
  }

  /** Outlines the feature whose card is open, or the finding picked from a list (null clears it). */
  setSelection(feature: GeoJSON.Feature | null): void {
    this.selection = feature;
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
        (this.map.getSource(definition.id) as GeoJSONSource).setData(data);
        this.collectLabels(definition, data);
        this.loadedFor.set(definition.id, query);
      }
      this.highlightVillages();
      this.renderOverlay();
      performance.mark('map:data-set');
      this.map.once('idle', () => {
        performance.mark('map:idle');
        if (generation === this.loadGeneration) this.options.onStateChange('ready');
      });
      this.map.triggerRepaint();
    } catch (error) {
      console.error(error);
      this.options.onStateChange('error');
    }
  }

  private highlightVillages(): void {
    const selected = this.villages.length === 0 ? null : ['in', ['get', 'code'], ['literal', this.villages]];
    const opacity = selected ? ['case', selected, 0.7, 0.15] : 0.55;
    this.map.setPaintProperty('villages-fill', 'fill-opacity', opacity as never);
  }

  private collectLabels(definition: MapLayerDefinition, data: GeoJSON.FeatureCollection): void {
    const label = definition.label;
    if (!label) return;
    const data2: LabelDatum[] = [];
    for (const feature of data.features) {
      const properties = feature.properties ?? {};
      const text = properties[label.property];
      if (typeof text !== 'string' || text === '') continue;
      const position: [number, number] | null =
        feature.geometry.type === 'Point'
          ? (feature.geometry.coordinates as [number, number])
          : typeof properties.label_lon === 'number'
            ? [properties.label_lon, properties.label_lat as number]
            : null;
      if (position) data2.push({ position, text, size: label.size, color: label.color, minZoom: label.minZoom });
    }
    this.labels.set(definition.id, data2);
  }

  /** Draws analysis findings over the map (null clears them). */
  setFindings(findings: GeoJSON.FeatureCollection | null): void {
    this.findings = findings;
    this.renderOverlay();
  }

  /** Fits the map to a geometry (a finding, a feature). */
  fitTo(geometry: GeoJSON.Geometry): void {
    const [west, south, east, north] = geometryBounds(geometry);
    this.map.fitBounds([west, south, east, north], { padding: 120, maxZoom: 18, duration: 700 });
  }

  /**
   * The deck.gl overlay: analysis findings, then Chinese labels drawn from the browser's own fonts
   * (no glyph server, works offline).
   */
  private renderOverlay(): void {
    const zoom = this.map.getZoom();
    const findingsLayer = this.findings
      ? [highlightLayer('findings', this.findings, { fill: [213, 0, 0, 60], line: [213, 0, 0, 230], width: 3, radius: 6 })]
      : [];
    const selectionLayer = this.selection
      ? [
          highlightLayer(
            'selection',
            { type: 'FeatureCollection', features: [this.selection] },
            {
              fill: [0, 229, 255, 50],
              line: [0, 184, 212, 255],
              width: 4,
              radius: 12,
            },
          ),
        ]
      : [];
    const labelLayers = [...this.labels.entries()]
      .filter(([layer]) => this.visible.has(layer))
      .map(
        ([layer, data]) =>
          new TextLayer<LabelDatum>({
            id: `labels-${layer}`,
            data: data.filter((d) => zoom >= d.minZoom),
            getPosition: (d) => d.position,
            getText: (d) => d.text,
            getSize: (d) => d.size,
            getColor: (d) => [...d.color, 255],
            characterSet: 'auto',
            fontFamily: LABEL_FONT,
            fontWeight: 600,
            fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
            outlineWidth: 3,
            outlineColor: [255, 255, 255, 230],
            getPixelOffset: layer === 'villages' ? [0, 0] : [0, -16],
            sizeUnits: 'pixels',
            updateTriggers: { data: zoom },
          }),
      );
    this.overlay.setProps({ layers: [...findingsLayer, ...selectionLayer, ...labelLayers] });
  }

  private queryableLayerIds(): string[] {
    return MAP_LAYERS.filter((definition) => this.visible.has(definition.id)).flatMap((definition) =>
      definition.styleLayers(this.options.styleOptions).map((styleLayer) => styleLayer.id),
    );
  }

  private pick(point: maplibregl.PointLike): PickedFeature | null {
    const [top] = this.map.queryRenderedFeatures(point, { layers: this.queryableLayerIds() });
    if (!top) return null;
    const id = top.properties?.id ?? top.id;
    if (id === undefined || id === null) return null;
    return { layer: top.source as LayerName, id: String(id) };
  }

  private handleClick(point: maplibregl.PointLike): void {
    this.options.onFeatureClick(this.pick(point));
  }
}
