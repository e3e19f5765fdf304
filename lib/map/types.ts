import type { Bbox } from '../geo';
import type { BasemapConfig } from './basemap';
import type { LayerName } from './layer-names';
import type { PageLayerDefinition, PageLayerName, StyleOptions } from './layers';

/** Longitude and latitude in degrees (EPSG:4326). */
export type LonLat = [number, number];
/** A pixel position inside the map's container. */
export type ScreenPoint = { x: number; y: number };

/** The map's look: the light office map, or the dark wall screen. */
export type MapTheme = 'light' | 'dark';
export type MapState = 'loading' | 'ready' | 'error';

/** Any layer the map can draw: a data layer from the API, or a layer whose data a page sets. */
export type MapLayerId = LayerName | PageLayerName;

export interface PickedFeature {
  layer: MapLayerId;
  id: string;
}

export interface MapControllerOptions {
  basemap: BasemapConfig;
  /** Attribution shown for the offline basemap (in the UI language). */
  offlineAttribution: string;
  /** The texts of maplibre's own controls in the UI language (mapControlText). */
  controlText?: Record<string, string>;
  theme?: MapTheme;
  styleOptions: StyleOptions;
  visible: ReadonlySet<LayerName>;
  /** Layers the page fills with its own data (`setLayerData`), drawn above the data layers. */
  pageLayers?: readonly PageLayerDefinition<PageLayerName>[];
  /** Layers a click or hover picks from (default: every visible layer). */
  pickable?: readonly MapLayerId[];
  /**
   * Size multiplier of the labels and the scale bar: 1 on desk and phone; the wall screen, read from across the room, passes more (and more
   * again at 4K, so its labels scale with the rest of it).
   */
  labelScale?: number;
  /** Initial extent: the whole town. */
  bounds: Bbox;
  onFeatureClick(picked: PickedFeature | null): void;
  onViewChange(bbox: Bbox): void;
  onStateChange(state: MapState): void;
}
