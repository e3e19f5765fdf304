import type { LayerSpecification } from 'maplibre-gl';
import type { TerraDrawExtend } from 'terra-draw';
import type { LonLat, MapLayerId, ScreenPoint } from '../types';

/** A click on the map, where it happened on screen and on the ground. */
export interface MapClick {
  lonLat: LonLat;
  point: ScreenPoint;
}

/** A feature as drawn on the map (tiles may cut it at tile edges). */
export interface RenderedFeature {
  id: string | number | undefined;
  properties: Record<string, unknown>;
  geometry: GeoJSON.Geometry;
}

/** A style layer drawing one of the plugin's own sources. */
export type OverlayLayer = LayerSpecification & { source: string };

/**
 * What a plugin may do with the map: draw its own GeoJSON, take clicks, set the cursor, ask what is drawn at a
 * point. Everything added through it is removed when the plugin is disposed. It never hands out the map itself.
 */
export interface MapPluginContext {
  /** Adds a GeoJSON source for the plugin's data (empty until `setData`). */
  addSource(id: string): void;
  /** Adds a style layer drawing one of the plugin's sources: over everything, or just below a layer. */
  addLayer(layer: OverlayLayer, options?: { below?: MapLayerId }): void;
  setData(source: string, data: GeoJSON.FeatureCollection): void;
  /** Clicks reach plugins before the controller's feature pick; a handler returning true takes the click. */
  onClick(handler: (click: MapClick) => boolean | undefined): void;
  /** The cursor over the map while the plugin needs one; null gives it back. */
  setCursor(cursor: string | null): void;
  /** The features of a layer drawn at a point of the screen, topmost first. */
  featuresAt(point: ScreenPoint, layer: MapLayerId): RenderedFeature[];
  /** Fits the map to a box, keeping `padding` pixels free on each side. */
  fitBounds(
    bbox: [number, number, number, number],
    options: { padding: { top: number; right: number; bottom: number; left: number }; maxZoom: number },
  ): void;
  /** The map's width in pixels (to keep clear of panels over it). */
  width(): number;
  /** terra-draw's adapter on this map, loaded on first use. */
  drawAdapter(): Promise<TerraDrawExtend.TerraDrawBaseAdapter>;
}

/** Something a page adds to the map: `controller.use(plugin)` attaches it and returns the disposer. */
export interface MapPlugin {
  /** Called once the map's style is loaded; may return its own clean-up. */
  attach(context: MapPluginContext): (() => void) | undefined;
}
