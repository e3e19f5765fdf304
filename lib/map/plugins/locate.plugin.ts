import { bboxAround, circlePolygon } from '../../geo';
import { EMPTY } from '../map-style';
import type { LonLat } from '../types';
import { PluginBase } from './plugin-base';
import type { MapPluginContext } from './types';

/** Where the device says it is, and how sure it is (the radius, in metres, of 68 % confidence). */
export interface DevicePosition {
  lonLat: LonLat;
  accuracyM: number;
}

/** Style layer ids of the accuracy circle and the position dot (scripts count what they draw). */
export const LOCATE_LAYERS = { accuracy: 'locate-accuracy', position: 'locate-position' } as const;

const BLUE = '#1a73e8';
const SOURCE = 'locate';

/**
 * "Where am I": the device's position as a dot inside its accuracy circle, and the map brought to that
 * circle, so an inspector sees how far the phone's fix can be trusted before placing a hazard by it.
 */
export class LocatePlugin extends PluginBase {
  protected setUp(context: MapPluginContext): void {
    context.addSource(SOURCE);
    const isCircle: ['==', ['geometry-type'], string] = ['==', ['geometry-type'], 'Polygon'];
    context.addLayer({
      id: LOCATE_LAYERS.accuracy,
      type: 'fill',
      source: SOURCE,
      filter: isCircle,
      paint: { 'fill-color': BLUE, 'fill-opacity': 0.15, 'fill-outline-color': BLUE },
    });
    context.addLayer({
      id: 'locate-accuracy-line',
      type: 'line',
      source: SOURCE,
      filter: isCircle,
      paint: { 'line-color': BLUE, 'line-width': 1.5 },
    });
    context.addLayer({
      id: LOCATE_LAYERS.position,
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 7, 'circle-color': BLUE, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
    });
  }

  /** Draws the position and its accuracy circle and fits the map to the circle; null clears them. */
  show(position: DevicePosition | null): Promise<void> {
    return this.whenAttached((context) => {
      if (!position) {
        context.setData(SOURCE, EMPTY);
        return;
      }
      // A fix claiming centimetres still gets a visible circle.
      const [lon, lat] = position.lonLat;
      const radiusM = Math.max(position.accuracyM, 5);
      const features: GeoJSON.Feature[] = [
        { type: 'Feature', geometry: circlePolygon(lon, lat, radiusM), properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: position.lonLat }, properties: {} },
      ];
      context.setData(SOURCE, { type: 'FeatureCollection', features });
      const padding = { top: 60, right: 60, bottom: 60, left: 60 };
      context.fitBounds(bboxAround(lon, lat, radiusM), { padding, maxZoom: 18 });
    });
  }
}
