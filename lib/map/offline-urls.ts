import type { Bbox } from '../geo';
import { BUILDING_TILE_ZOOMS, buildingTileTemplate, tilesCovering } from './building-tiles';
import { MAP_LAYERS } from './layers';

/**
 * What the map fetches to draw the user's villages with no village filter: every GeoJSON layer (the API answers
 * with the user's own villages) and the building tiles of every zoom the tile source has, over each village.
 * The field pages keep these on the phone, so the map draws without a signal.
 */
export function offlineMapUrls(villageBoxes: readonly Bbox[]): string[] {
  const layers = MAP_LAYERS.filter((layer) => layer.source === 'geojson').map((layer) => `/api/v1/layers/${layer.id}`);
  const tiles = new Set<string>();
  for (const box of villageBoxes) {
    for (let z = BUILDING_TILE_ZOOMS.minzoom; z <= BUILDING_TILE_ZOOMS.maxzoom; z++) {
      for (const { x, y } of tilesCovering(box, z)) {
        tiles.add(buildingTileTemplate('').replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
      }
    }
  }
  return [...layers, ...tiles];
}
