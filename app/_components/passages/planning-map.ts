import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
type Collection = GeoJSON.FeatureCollection;

/**
 * The planner's overlay on the shared map (lib/map/map-controller.ts owns the map; this only adds its own
 * sources and layers on top): segments to fix, the what-if result (newly reachable buildings, new links,
 * resolved segments), candidate and suggested sites, the focused segment; and terra-draw for new links.
 */
export class PlanningOverlay {
  private draw: TerraDraw | null = null;
  private clickHandler: ((event: MapMouseEvent) => void) | null = null;
  private readonly ready: Promise<void>;

  constructor(private readonly map: MapLibreMap) {
    this.ready = new Promise((resolve) => {
      const add = () => {
        this.addLayers();
        resolve();
      };
      if (map.isStyleLoaded()) add();
      else map.once('load', add);
    });
  }

  private addLayers(): void {
    const map = this.map;
    for (const id of [
      'plan-fixes',
      'plan-segments',
      'plan-resolved',
      'plan-newly',
      'plan-links',
      'plan-sites',
      'plan-suggested',
      'plan-focus',
    ]) {
      map.addSource(id, { type: 'geojson', data: EMPTY });
    }
    map.addLayer({
      id: 'plan-segments',
      type: 'line',
      source: 'plan-segments',
      layout: { 'line-cap': 'round' },
      paint: {
        'line-color': ['case', ['>', ['get', 'cut_off'], 0], '#d50000', '#ff9800'],
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 17, 7],
        'line-opacity': 0.85,
      },
    });
    // Saved fixes: new links (dashed) and the segments other fixes change, coloured by status.
    const statusColor = ['match', ['get', 'status'], 'plan', '#1565c0', 'in_progress', '#ef6c00', '#2e7d32'] as unknown as string;
    map.addLayer({
      id: 'plan-fixes',
      type: 'line',
      source: 'plan-fixes',
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': statusColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 17, 6], 'line-dasharray': [2, 1] },
    });
    map.addLayer({
      id: 'plan-fixes-points',
      type: 'circle',
      source: 'plan-fixes',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 7, 'circle-color': statusColor, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    });
    map.addLayer({
      id: 'plan-newly',
      type: 'fill',
      source: 'plan-newly',
      paint: { 'fill-color': '#00c853', 'fill-opacity': 0.75, 'fill-outline-color': '#1b5e20' },
    });
    map.addLayer({ id: 'plan-newly-outline', type: 'line', source: 'plan-newly', paint: { 'line-color': '#1b5e20', 'line-width': 2 } });
    map.addLayer({
      id: 'plan-resolved',
      type: 'line',
      source: 'plan-resolved',
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': '#00c853', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3, 17, 9] },
    });
    map.addLayer({
      id: 'plan-links',
      type: 'line',
      source: 'plan-links',
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': '#1565c0', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3, 17, 8], 'line-dasharray': [1.5, 1] },
    });
    map.addLayer({
      id: 'plan-suggested',
      type: 'circle',
      source: 'plan-suggested',
      paint: { 'circle-radius': 9, 'circle-color': '#6a1b9a', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    });
    map.addLayer({
      id: 'plan-sites',
      type: 'circle',
      source: 'plan-sites',
      paint: {
        'circle-radius': 10,
        'circle-color': ['match', ['get', 'kind'], 'water', '#0288d1', '#ef6c00'],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 3,
      },
    });
    map.addLayer({
      id: 'plan-focus',
      type: 'line',
      source: 'plan-focus',
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': '#00e5ff', 'line-width': 12, 'line-opacity': 0.55 },
    });
  }

  private async set(id: string, data: Collection): Promise<void> {
    await this.ready;
    (this.map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
  }

  setSegments(data: Collection): Promise<void> {
    return this.set('plan-segments', data);
  }

  /** The what-if result: newly reachable footprints, new links as joined, resolved segments (green). */
  async setWhatIf(newly: Collection | null, links: Collection | null, resolved: Collection | null): Promise<void> {
    await Promise.all([
      this.set('plan-newly', newly ?? EMPTY),
      this.set('plan-links', links ?? EMPTY),
      this.set('plan-resolved', resolved ?? EMPTY),
    ]);
  }

  setFixes(data: Collection): Promise<void> {
    return this.set('plan-fixes', data);
  }

  setSites(data: Collection): Promise<void> {
    return this.set('plan-sites', data);
  }

  setSuggested(data: Collection): Promise<void> {
    return this.set('plan-suggested', data);
  }

  setFocus(geometry: GeoJSON.Geometry | null): Promise<void> {
    return this.set(
      'plan-focus',
      geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : EMPTY,
    );
  }

  /** Lets the planner draw one line (terra-draw); `onLine` gets it when finished (click the last point again). */
  async drawLine(onLine: (line: GeoJSON.LineString) => void): Promise<void> {
    await this.ready;
    this.stop();
    if (!this.draw) {
      this.draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
        modes: [
          new TerraDrawLineStringMode({
            styles: { lineStringColor: '#1565c0', lineStringWidth: 4, closingPointColor: '#1565c0', closingPointWidth: 6 },
          }),
        ],
      });
      this.draw.start();
    }
    const draw = this.draw;
    draw.setMode('linestring');
    draw.on('finish', (id) => {
      const feature = draw.getSnapshotFeature(id);
      if (feature?.geometry.type !== 'LineString') return;
      const line: GeoJSON.LineString = { type: 'LineString', coordinates: feature.geometry.coordinates as GeoJSON.Position[] };
      draw.clear();
      draw.setMode('static');
      onLine(line);
    });
  }

  /** The next click on the map gives a point (a candidate site). */
  async pickPoint(onPoint: (lonLat: [number, number]) => void): Promise<void> {
    await this.ready;
    this.stop();
    this.map.getCanvas().style.cursor = 'crosshair';
    this.clickHandler = (event) => {
      this.stop();
      onPoint([event.lngLat.lng, event.lngLat.lat]);
    };
    this.map.once('click', this.clickHandler);
  }

  stop(): void {
    if (this.clickHandler) {
      this.map.off('click', this.clickHandler);
      this.clickHandler = null;
      this.map.getCanvas().style.cursor = '';
    }
    if (this.draw && this.draw.getMode() !== 'static') {
      this.draw.clear();
      this.draw.setMode('static');
    }
  }

  /** Fits the map to a geometry, keeping it clear of the what-if panel on the right. */
  fit(geometry: GeoJSON.Geometry): void {
    const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (value: unknown): void => {
      if (Array.isArray(value) && typeof value[0] === 'number') {
        bounds[0] = Math.min(bounds[0], value[0] as number);
        bounds[1] = Math.min(bounds[1], value[1] as number);
        bounds[2] = Math.max(bounds[2], value[0] as number);
        bounds[3] = Math.max(bounds[3], value[1] as number);
      } else if (Array.isArray(value)) value.forEach(visit);
    };
    if (geometry.type !== 'GeometryCollection') visit(geometry.coordinates);
    const width = this.map.getContainer().clientWidth;
    const right = width > 900 ? 460 : 60;
    this.map.fitBounds(bounds, { padding: { top: 80, bottom: 80, left: 80, right }, maxZoom: 18, duration: 0 });
  }

  /** Screen position of a lon/lat (for the e2e driver, which clicks where a node is). */
  project(lonLat: [number, number]): [number, number] {
    const point = this.map.project(lonLat);
    return [point.x, point.y];
  }
}
