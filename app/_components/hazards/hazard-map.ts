import type { ExpressionSpecification, GeoJSONSource, StyleSpecification } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import { TerraDraw, TerraDrawPolygonMode, TerraDrawRectangleMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { BasemapConfig } from '@/lib/map/basemap';
import { STATUS_COLORS } from './status-colors';

/**
 * The hazards page's own map (focused, not the overview's controller): a quiet basemap made of the product's
 * data, the hazards of the current list coloured by status with overdue ones ringed red, the selected one
 * haloed, the area filter, and the modes that take a click (place a new hazard, pick a "near" point) or a
 * drawing (terra-draw polygon / rectangle). React only calls its methods.
 */

export type MapMode = 'browse' | 'draw-polygon' | 'draw-rectangle' | 'near' | 'place';

export interface HazardMapOptions {
  basemap: BasemapConfig;
  offlineAttribution: string;
  bounds: [number, number, number, number];
  onHazardClick(id: number | null): void;
  /** A click in the place / near modes; in the place mode with the building under it, if any. */
  onPointClick(lon: number, lat: number, buildingId: number | null): void;
  onAreaDrawn(geometry: GeoJSON.Polygon): void;
  onStateChange(state: 'loading' | 'ready' | 'error'): void;
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const OVERDUE_RING = '#d50000';
const SELECTED = '#00b8d4';

const statusColor = ['match', ['get', 'status'], ...Object.entries(STATUS_COLORS).flat(), '#9e9e9e'] as unknown as ExpressionSpecification;
const zoomRadius = (base: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 11, base * 0.7, 17, base * 1.5];

function style(options: HazardMapOptions): StyleSpecification {
  const origin = window.location.origin;
  const sources: StyleSpecification['sources'] = {
    villages: { type: 'geojson', data: EMPTY },
    passages: { type: 'geojson', data: EMPTY },
    buildings: { type: 'vector', tiles: [`${origin}/api/v1/tiles/buildings/{z}/{x}/{y}.mvt`], minzoom: 12, maxzoom: 16 },
    area: { type: 'geojson', data: EMPTY },
    linked: { type: 'geojson', data: EMPTY },
    placing: { type: 'geojson', data: EMPTY },
    hazards: { type: 'geojson', data: EMPTY, promoteId: 'id' },
  };
  const base: StyleSpecification['layers'] = [];
  if (options.basemap.kind === 'raster') {
    sources['basemap-raster'] = { type: 'raster', tiles: options.basemap.tiles, tileSize: 256, attribution: options.basemap.attribution };
    base.push({ id: 'basemap-raster', type: 'raster', source: 'basemap-raster' });
  } else {
    base.push({ id: 'land', type: 'background', paint: { 'background-color': '#f2efe6' } });
  }
  return {
    version: 8,
    sources,
    layers: [
      ...base,
      {
        id: 'village-area',
        type: 'fill',
        source: 'villages',
        paint: { 'fill-color': '#e3ead8', 'fill-opacity': options.basemap.kind === 'raster' ? 0.25 : 1 },
      },
      {
        id: 'village-line',
        type: 'line',
        source: 'villages',
        paint: { 'line-color': '#9aa88a', 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'passages',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1.5, 17, 10] },
      },
      {
        id: 'buildings',
        type: 'fill',
        source: 'buildings',
        'source-layer': 'buildings',
        paint: { 'fill-color': '#cfc8bb', 'fill-outline-color': '#b3ab9c' },
      },
      { id: 'area-fill', type: 'fill', source: 'area', paint: { 'fill-color': '#1565c0', 'fill-opacity': 0.08 } },
      { id: 'area-line', type: 'line', source: 'area', paint: { 'line-color': '#1565c0', 'line-width': 2, 'line-dasharray': [2, 1] } },
      {
        id: 'linked-fill',
        type: 'fill',
        source: 'linked',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': SELECTED, 'fill-opacity': 0.3 },
      },
      { id: 'linked-line', type: 'line', source: 'linked', paint: { 'line-color': SELECTED, 'line-width': 3 } },
      // Overdue: a red ring around the dot, drawn under it so the status colour stays readable.
      {
        id: 'hazards-overdue',
        type: 'circle',
        source: 'hazards',
        filter: ['==', ['get', 'overdue'], true],
        paint: {
          'circle-radius': zoomRadius(10),
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': OVERDUE_RING,
          'circle-stroke-width': 2.5,
        },
      },
      {
        id: 'hazards-selected',
        type: 'circle',
        source: 'hazards',
        filter: ['==', ['get', 'id'], -1],
        paint: {
          'circle-radius': zoomRadius(15),
          'circle-color': 'rgba(0,184,212,0.25)',
          'circle-stroke-color': SELECTED,
          'circle-stroke-width': 3,
        },
      },
      {
        id: 'hazards',
        type: 'circle',
        source: 'hazards',
        paint: {
          // Major hazards are drawn a little larger (one zoom interpolation, the size chosen inside it).
          'circle-radius': [
            'interpolate',
            ['linear'],
            ['zoom'],
            11,
            ['case', ['==', ['get', 'severity'], 'major'], 5, 4],
            17,
            ['case', ['==', ['get', 'severity'], 'major'], 10.5, 8],
          ],
          'circle-color': statusColor,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
      {
        id: 'placing',
        type: 'circle',
        source: 'placing',
        paint: { 'circle-radius': 9, 'circle-color': '#ffffff', 'circle-stroke-color': '#9f1d1d', 'circle-stroke-width': 4 },
      },
    ],
  };
}

/** A circle of `radiusM` metres around a point, as a polygon (small-area approximation, fine below 10 km). */
export function circlePolygon(lon: number, lat: number, radiusM: number, steps = 64): GeoJSON.Polygon {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const angle = (i / steps) * 2 * Math.PI;
    ring.push([lon + dLon * Math.cos(angle), lat + dLat * Math.sin(angle)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

export class HazardMap {
  readonly map: maplibregl.Map;
  private draw: TerraDraw | null = null;
  private mode: MapMode = 'browse';
  private readonly ready: Promise<void>;

  constructor(
    container: HTMLElement,
    private readonly options: HazardMapOptions,
  ) {
    maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
    this.map = new maplibregl.Map({
      container,
      style: style(options),
      bounds: options.bounds,
      fitBoundsOptions: { padding: 24 },
      attributionControl: { compact: true, customAttribution: options.basemap.kind === 'offline' ? options.offlineAttribution : undefined },
      maxZoom: 19,
      minZoom: 8,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.ready = new Promise((resolve) => this.map.once('load', () => resolve()));
    // Lets e2e drivers turn lon/lat into screen points (to draw an area where they mean to).
    (container as HTMLElement & { hazardMap?: HazardMap }).hazardMap = this;
    options.onStateChange('loading');
    void this.loadBasemap();
    this.map.on('click', (event) => this.handleClick(event));
    this.map.on('mousemove', (event) => {
      if (this.mode !== 'browse') return;
      this.map.getCanvas().style.cursor = this.hazardAt(event.point) !== null ? 'pointer' : '';
    });
  }

  destroy(): void {
    this.draw?.stop();
    this.map.remove();
  }

  private async loadBasemap(): Promise<void> {
    try {
      const [villages, passages] = await Promise.all(
        ['villages', 'passages'].map(async (layer) => {
          const response = await fetch(`/api/v1/layers/${layer}`);
          if (!response.ok) throw new Error(`${layer}: ${response.status}`);
          return (await response.json()) as GeoJSON.FeatureCollection;
        }),
      );
      await this.ready;
      this.source('villages').setData(villages!);
      this.source('passages').setData(passages!);
      this.map.once('idle', () => this.options.onStateChange('ready'));
      this.map.triggerRepaint();
    } catch (error) {
      console.error(error);
      this.options.onStateChange('error');
    }
  }

  private source(id: string): GeoJSONSource {
    return this.map.getSource(id) as GeoJSONSource;
  }

  /** The hazards of the current list (their points), coloured by status. */
  async setHazards(collection: GeoJSON.FeatureCollection): Promise<void> {
    await this.ready;
    this.source('hazards').setData(collection);
  }

  async setSelected(id: number | null): Promise<void> {
    await this.ready;
    this.map.setFilter('hazards-selected', ['==', ['get', 'id'], id ?? -1]);
  }

  /** The selected hazard's linked building, unit or passage (null clears it). */
  async setLinked(geometry: GeoJSON.Geometry | null): Promise<void> {
    await this.ready;
    this.source('linked').setData(geometry ? { type: 'Feature', geometry, properties: {} } : EMPTY);
  }

  /** The area filter drawn on the map (a polygon, or the circle of a near filter); null clears it. */
  async setArea(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | null): Promise<void> {
    await this.ready;
    this.source('area').setData(geometry ? { type: 'Feature', geometry, properties: {} } : EMPTY);
  }

  /** Where a new hazard will be placed (null clears the marker). */
  async setPlacing(point: [number, number] | null): Promise<void> {
    await this.ready;
    this.source('placing').setData(point ? { type: 'Feature', geometry: { type: 'Point', coordinates: point }, properties: {} } : EMPTY);
  }

  flyTo(center: [number, number], zoom?: number): void {
    this.map.flyTo({ center, zoom: Math.max(zoom ?? 16.5, this.map.getZoom()), duration: 700 });
  }

  fitBounds(bounds: [number, number, number, number]): void {
    this.map.fitBounds(bounds, { padding: 70, duration: 600, maxZoom: 17 });
  }

  /** Switches what a click on the map means; drawing modes hand the map to terra-draw until finished. */
  async setMode(mode: MapMode): Promise<void> {
    if (mode === this.mode) return;
    this.mode = mode;
    await this.ready;
    const drawing = mode === 'draw-polygon' || mode === 'draw-rectangle';
    if (drawing) {
      const draw = this.ensureDraw();
      draw.clear();
      draw.setMode(mode === 'draw-polygon' ? 'polygon' : 'rectangle');
    } else if (this.draw?.enabled) {
      this.draw.clear();
      this.draw.setMode('static');
    }
    this.map.getCanvas().style.cursor = mode === 'browse' ? '' : 'crosshair';
    this.map.getContainer().dataset.mode = mode;
  }

  private ensureDraw(): TerraDraw {
    if (this.draw) return this.draw;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [
        new TerraDrawPolygonMode({
          styles: {
            fillColor: '#1565c0',
            fillOpacity: 0.12,
            outlineColor: '#1565c0',
            outlineWidth: 2,
            closingPointColor: '#1565c0',
            closingPointWidth: 5,
          },
        }),
        new TerraDrawRectangleMode({ styles: { fillColor: '#1565c0', fillOpacity: 0.12, outlineColor: '#1565c0', outlineWidth: 2 } }),
      ],
    });
    draw.start();
    draw.on('finish', (id) => {
      const feature = draw.getSnapshotFeature(id);
      if (feature?.geometry.type === 'Polygon') this.options.onAreaDrawn(feature.geometry as GeoJSON.Polygon);
      // The drawing becomes the area filter (drawn by setArea); terra-draw's copy is dropped.
      setTimeout(() => {
        draw.clear();
        draw.setMode('static');
      }, 0);
    });
    this.draw = draw;
    return draw;
  }

  private hazardAt(point: maplibregl.PointLike): number | null {
    const [top] = this.map.queryRenderedFeatures(point, { layers: ['hazards', 'hazards-selected', 'hazards-overdue'] });
    const id = top?.properties?.id;
    return typeof id === 'number' ? id : null;
  }

  private handleClick(event: maplibregl.MapMouseEvent): void {
    if (this.mode === 'near') {
      this.options.onPointClick(event.lngLat.lng, event.lngLat.lat, null);
      return;
    }
    if (this.mode === 'place') {
      // A click on a building links the hazard to it (the building tiles' feature id is the building id).
      const [building] = this.map.queryRenderedFeatures(event.point, { layers: ['buildings'] });
      const id = typeof building?.id === 'number' ? building.id : null;
      void this.setLinked(id !== null ? building!.geometry : null);
      this.options.onPointClick(event.lngLat.lng, event.lngLat.lat, id);
      return;
    }
    if (this.mode !== 'browse') return;
    // A click on empty ground keeps the selection: a missed click should not close the detail.
    const id = this.hazardAt(event.point);
    if (id !== null) this.options.onHazardClick(id);
  }
}
