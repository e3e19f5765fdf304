import type { Bbox } from '../geo';

/** Zooms the building tile route is made for: below 12 a footprint is a pixel; above 16 the map overzooms. */
export const BUILDING_TILE_ZOOMS = { minzoom: 12, maxzoom: 16 } as const;

/** The building tiles' URL template under an origin (`{z}/{x}/{y}` as MapLibre and desktop GIS fill them in). */
export const buildingTileTemplate = (origin: string, query = '') =>
  `${origin}/api/v1/tiles/buildings/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`;

/** The XYZ (Web Mercator) tiles of zoom `z` that cover a lon/lat box. */
export function tilesCovering([west, south, east, north]: Bbox, z: number): { x: number; y: number }[] {
  const n = 2 ** z;
  const column = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const row = (lat: number) => {
    const phi = (lat * Math.PI) / 180;
    return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n)));
  };
  const tiles: { x: number; y: number }[] = [];
  for (let x = column(west); x <= column(east); x++) for (let y = row(north); y <= row(south); y++) tiles.push({ x, y });
  return tiles;
}
