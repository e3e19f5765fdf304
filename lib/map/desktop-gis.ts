import type { StyleSpecification } from 'maplibre-gl';
import type { Bbox } from '../geo';
import { BUILDING_TILE_ZOOMS, buildingTileTemplate } from './building-tiles';
import { buildingsLayer } from './layers/buildings.layer';
import type { BuildingColorMode } from './layers/types';
import { boundLayer } from './map-style';
import { THEMES } from './themes';

/**
 * The building tiles described for desktop GIS (QGIS, GDAL): a TileJSON, and a MapLibre style drawn with the
 * product's own building colours, so a QGIS vector tile layer looks like the app's map.
 */

/** TileJSON 3.0.0 of the building tiles over `bounds` (lon/lat). */
export function buildingTileJson(origin: string, bounds: Bbox) {
  return {
    tilejson: '3.0.0',
    name: '刘胡兰镇 建筑（自建房）',
    description: '消防安全一张图的建筑矢量瓦片：用途与耐火等级',
    attribution: '刘胡兰镇人民政府',
    scheme: 'xyz',
    tiles: [buildingTileTemplate(origin)],
    ...BUILDING_TILE_ZOOMS,
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, 14],
    vector_layers: [
      {
        id: 'buildings',
        description: '建筑轮廓',
        ...BUILDING_TILE_ZOOMS,
        fields: { use: 'String', fire_grade: 'String' },
      },
    ],
  };
}

/** A MapLibre style of the building tiles coloured by fire-resistance grade or by use, as the app shows them. */
export function buildingStyle(origin: string, colorMode: Exclude<BuildingColorMode, 'plain'>): StyleSpecification {
  const palette = THEMES.light;
  return {
    version: 8,
    name: `刘胡兰镇 建筑（按${colorMode === 'fire_grade' ? '耐火等级' : '用途'}）`,
    sources: { buildings: { type: 'vector', tiles: [buildingTileTemplate(origin)], ...BUILDING_TILE_ZOOMS } },
    layers: buildingsLayer.styleLayers({ buildingColorMode: colorMode }).map((layer) => boundLayer(layer, 'buildings', true, palette)),
  };
}
