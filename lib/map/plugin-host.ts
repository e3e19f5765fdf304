import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { EMPTY } from './map-style';
import type { MapClick, MapPlugin, MapPluginContext, RenderedFeature } from './plugins/types';
import type { MapLayerId } from './types';

/**
 * Gives plugins their narrow context on the controller's map, and keeps what each one added so that its
 * disposer takes it all away again. Clicks reach plugins, newest first, before the controller's own pick.
 */
export class PluginHost {
  private clickHandlers: ((click: MapClick) => boolean | undefined)[] = [];
  private cursors: string[] = [];
  private readonly disposers = new Set<() => void>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly styleLayerIds: (layer: MapLayerId) => string[],
    private readonly ready: Promise<void>,
  ) {}

  /** True when a plugin took the click. */
  takeClick(click: MapClick): boolean {
    return [...this.clickHandlers].reverse().some((handler) => handler(click) === true);
  }

  /** The cursor a plugin asked for, if any (the newest request wins). */
  cursor(): string | null {
    return this.cursors.at(-1) ?? null;
  }

  use(plugin: MapPlugin): () => void {
    let disposed = false;
    let cleanUp: (() => void) | undefined;
    const layers: string[] = [];
    const sources: string[] = [];
    const handlers: ((click: MapClick) => boolean | undefined)[] = [];
    let cursor: string | null = null;
    const setCursor = (next: string | null) => {
      if (cursor !== null) this.cursors.splice(this.cursors.lastIndexOf(cursor), 1);
      cursor = next;
      if (next !== null) this.cursors.push(next);
      this.map.getCanvas().style.cursor = this.cursor() ?? '';
    };
    const context: MapPluginContext = {
      addSource: (id) => {
        this.map.addSource(id, { type: 'geojson', data: EMPTY });
        sources.push(id);
      },
      addLayer: (layer, options) => {
        const below = options?.below ? this.styleLayerIds(options.below).find((id) => this.map.getLayer(id)) : undefined;
        this.map.addLayer(layer, below);
        layers.push(layer.id);
      },
      setData: (source, data) => (this.map.getSource(source) as GeoJSONSource | undefined)?.setData(data),
      onClick: (handler) => {
        handlers.push(handler);
        this.clickHandlers.push(handler);
      },
      setCursor,
      featuresAt: (point, layer) => this.featuresAt(point, layer),
      fitBounds: (bbox, options) => this.map.fitBounds(bbox, { ...options, duration: 0 }),
      width: () => this.map.getContainer().clientWidth,
      drawAdapter: async () => {
        const { TerraDrawMapLibreGLAdapter } = await import('terra-draw-maplibre-gl-adapter');
        return new TerraDrawMapLibreGLAdapter({ map: this.map });
      },
    };
    void this.ready.then(() => {
      if (!disposed) cleanUp = plugin.attach(context);
    });
    const dispose = () => {
      if (disposed) return;
      disposed = true;
      this.disposers.delete(dispose);
      cleanUp?.();
      setCursor(null);
      this.clickHandlers = this.clickHandlers.filter((handler) => !handlers.includes(handler));
      for (const id of layers.reverse()) if (this.map.getLayer(id)) this.map.removeLayer(id);
      for (const id of sources) if (this.map.getSource(id)) this.map.removeSource(id);
    };
    this.disposers.add(dispose);
    return dispose;
  }

  /** Disposes every plugin (before the map goes). */
  disposeAll(): void {
    for (const dispose of [...this.disposers]) dispose();
  }

  featuresAt(point: { x: number; y: number }, layer: MapLayerId): RenderedFeature[] {
    const ids = this.styleLayerIds(layer).filter((id) => this.map.getLayer(id));
    if (ids.length === 0) return [];
    return this.map.queryRenderedFeatures([point.x, point.y], { layers: ids }).map((feature) => ({
      id: feature.id,
      properties: feature.properties ?? {},
      geometry: feature.geometry,
    }));
  }
}
