import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { type TileAddress, type TileFeatureRow, tileGrid } from '../../db/queries/tiles';

/**
 * Cuts and encodes one Mapbox Vector Tile in JS from the features that touch it: the embedded engine's
 * stand-in for ST_AsMVT, with the same extent and buffer.
 */
export function encodeTile(layer: string, rows: TileFeatureRow[], { z, x, y }: TileAddress): Uint8Array {
  if (rows.length === 0) return new Uint8Array();
  const { extent, buffer } = tileGrid(z);
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      id: row.id,
      properties: row.properties,
      geometry: JSON.parse(row.geometry),
    })),
  };
  const tile = geoJSONToTile(collection, z, x, y, {
    extent,
    buffer,
    tolerance: 1,
    clip: true,
  });
  if (!tile || tile.features.length === 0) return new Uint8Array();
  return fromGeojsonVt({ [layer]: tile }, { version: 2, extent });
}
