/** The map's data layers as the API names them (`/api/v1/layers/{layer}`, `/api/v1/tiles/{layer}/…`). */
export const LAYER_NAMES = [
  'villages',
  'buildings',
  'passages',
  'obstacles',
  'water-sources',
  'stations',
  'units',
  'hazards',
  'incidents',
  'straw-stacks',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** Layers too large for one GeoJSON document at town or county scale: served as vector tiles. */
export const TILE_LAYERS = ['buildings'] as const satisfies readonly LayerName[];
export type TileLayerName = (typeof TILE_LAYERS)[number];

export function isLayerName(value: string): value is LayerName {
  return (LAYER_NAMES as readonly string[]).includes(value);
}

export function isTileLayerName(value: string): value is TileLayerName {
  return (TILE_LAYERS as readonly string[]).includes(value);
}
