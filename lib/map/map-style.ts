import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapConfig } from './basemap';
import { BUILDING_TILE_ZOOMS, buildingTileTemplate } from './building-tiles';
import { MAP_LAYERS, type StyleLayer } from './layers';
import { THEMES, type ThemePalette } from './themes';
import type { MapControllerOptions } from './types';

export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

type StyleLayers = StyleSpecification['layers'];

export function tileUrl(villages: readonly string[], revision = 0): string {
  // A new revision after an edit makes the browser ask for tiles it may still hold from before.
  const query = [...villages.map((code) => `village=${code}`), ...(revision > 0 ? [`rev=${revision}`] : [])].join('&');
  return buildingTileTemplate(window.location.origin, query);
}

/** The offline basemap: made only of the product's own data, so it needs no request outside the app. */
function basemapLayers(basemap: BasemapConfig, palette: ThemePalette): StyleLayers {
  if (basemap.kind === 'raster') {
    // An online basemap replaces the land colour; our village areas and roads stay on top, lighter.
    return [
      { id: 'basemap-raster', type: 'raster', source: 'basemap-raster' },
      ...(basemap.overlayTiles ? [{ id: 'basemap-raster-labels', type: 'raster' as const, source: 'basemap-raster-labels' }] : []),
    ];
  }
  return [
    { id: 'basemap-land', type: 'background', paint: { 'background-color': palette.land } },
    { id: 'basemap-village-area', type: 'fill', source: 'villages', paint: { 'fill-color': palette.villageArea } },
    {
      id: 'basemap-roads',
      type: 'line',
      source: 'passages',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': palette.roads, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 17, 12] },
    },
    {
      id: 'basemap-water',
      type: 'circle',
      source: 'water-sources',
      filter: ['in', ['get', 'kind'], ['literal', ['pond', 'river_intake']]],
      paint: { 'circle-color': palette.water, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 17, 16] },
    },
  ];
}

/** A style layer bound to its source, shown or hidden, with the theme's paint over its own. */
export function boundLayer(styleLayer: StyleLayer, source: string, visible: boolean, palette: ThemePalette): StyleLayers[number] {
  return {
    ...styleLayer,
    source,
    layout: { ...(styleLayer.layout ?? {}), visibility: visible ? 'visible' : 'none' },
    paint: { ...(styleLayer.paint ?? {}), ...(palette.paint[styleLayer.id] ?? {}) },
  } as StyleLayers[number];
}

export function initialStyle(options: MapControllerOptions): StyleSpecification {
  const palette = THEMES[options.theme ?? 'light'];
  const sources: StyleSpecification['sources'] = {};
  const layers: StyleLayers = [...basemapLayers(options.basemap, palette)];
  for (const definition of MAP_LAYERS) {
    sources[definition.id] =
      definition.source === 'tiles'
        ? { type: 'vector', tiles: [tileUrl([])], ...BUILDING_TILE_ZOOMS } // MVT feature ids identify buildings
        : { type: 'geojson', data: EMPTY, promoteId: 'id' };
    for (const styleLayer of definition.styleLayers(options.styleOptions)) {
      layers.push(boundLayer(styleLayer, definition.id, options.visible.has(definition.id), palette));
    }
  }
  for (const definition of options.pageLayers ?? []) {
    sources[definition.id] = { type: 'geojson', data: EMPTY, promoteId: 'id' };
    for (const styleLayer of definition.styleLayers()) layers.push(boundLayer(styleLayer, definition.id, true, palette));
  }
  if (options.basemap.kind === 'raster') {
    sources['basemap-raster'] = { type: 'raster', tiles: options.basemap.tiles, tileSize: 256, attribution: options.basemap.attribution };
    if (options.basemap.overlayTiles) {
      sources['basemap-raster-labels'] = { type: 'raster', tiles: options.basemap.overlayTiles, tileSize: 256 };
    }
  }
  return { version: 8, sources, layers };
}
