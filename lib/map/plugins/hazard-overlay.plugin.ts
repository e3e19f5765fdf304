import type { ExpressionSpecification } from 'maplibre-gl';
import { EMPTY } from '../map-style';
import type { LonLat } from '../types';
import { PluginBase } from './plugin-base';
import type { MapPluginContext } from './types';

const SELECTED = '#00b8d4';
const AREA = '#1565c0';
const zoomRadius = (base: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 11, base * 0.7, 17, base * 1.5];
const one = (geometry: GeoJSON.Geometry | null): GeoJSON.FeatureCollection =>
  geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : EMPTY;

/**
 * The hazards page's marks over its hazards layer: the area filter, the selected hazard's halo and its linked
 * building, unit or passage, and the marker where a new hazard will be placed.
 */
export class HazardOverlayPlugin extends PluginBase {
  protected setUp(context: MapPluginContext): void {
    for (const id of ['hazard-area', 'hazard-linked', 'hazard-selected', 'hazard-placing']) context.addSource(id);
    const below = { below: 'hazards-by-status' as const };
    context.addLayer(
      { id: 'hazard-area-fill', type: 'fill', source: 'hazard-area', paint: { 'fill-color': AREA, 'fill-opacity': 0.08 } },
      below,
    );
    context.addLayer(
      {
        id: 'hazard-area-line',
        type: 'line',
        source: 'hazard-area',
        paint: { 'line-color': AREA, 'line-width': 2, 'line-dasharray': [2, 1] },
      },
      below,
    );
    context.addLayer(
      {
        id: 'hazard-linked-fill',
        type: 'fill',
        source: 'hazard-linked',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': SELECTED, 'fill-opacity': 0.3 },
      },
      below,
    );
    context.addLayer(
      { id: 'hazard-linked-line', type: 'line', source: 'hazard-linked', paint: { 'line-color': SELECTED, 'line-width': 3 } },
      below,
    );
    context.addLayer(
      {
        id: 'hazard-selected',
        type: 'circle',
        source: 'hazard-selected',
        paint: {
          'circle-radius': zoomRadius(15),
          'circle-color': 'rgba(0,184,212,0.25)',
          'circle-stroke-color': SELECTED,
          'circle-stroke-width': 3,
        },
      },
      below,
    );
    context.addLayer({
      id: 'hazard-placing',
      type: 'circle',
      source: 'hazard-placing',
      paint: { 'circle-radius': 9, 'circle-color': '#ffffff', 'circle-stroke-color': '#9f1d1d', 'circle-stroke-width': 4 },
    });
  }

  /** The area filter drawn on the map (a polygon, or the circle of a near filter); null clears it. */
  setArea(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | null): Promise<void> {
    return this.whenAttached((context) => context.setData('hazard-area', one(geometry)));
  }

  /** The selected hazard's linked building, unit or passage (null clears it). */
  setLinked(geometry: GeoJSON.Geometry | null): Promise<void> {
    return this.whenAttached((context) => context.setData('hazard-linked', one(geometry)));
  }

  /** The halo around the selected hazard (null clears it). */
  setSelected(point: LonLat | null): Promise<void> {
    return this.whenAttached((context) => context.setData('hazard-selected', one(point && { type: 'Point', coordinates: point })));
  }

  /** Where a new hazard will be placed (null clears the marker). */
  setPlacing(point: LonLat | null): Promise<void> {
    return this.whenAttached((context) => context.setData('hazard-placing', one(point && { type: 'Point', coordinates: point })));
  }
}
