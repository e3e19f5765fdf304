import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '../../db/client';
import { mvtTile, type TileAddress, tileFeatures } from '../../db/queries/tiles';
import type { TileLayerName } from '../map/layer-names';
import { encodeTile } from './geojson-tile';
import { type CachedTile, getCachedTile, putCachedTile } from './tile-cache';

/** One vector tile, from ST_AsMVT on a PostGIS server or cut in JS on the embedded engine. */
export async function renderTile(
  { engine, db }: DatabaseHandle,
  layer: TileLayerName,
  tile: TileAddress,
  villages: string[],
): Promise<Uint8Array> {
  if (engine === 'postgres') return mvtTile(db, layer, tile, villages);
  return encodeTile(layer, await tileFeatures(db, layer, tile, villages), tile);
}

/** Strong validator for a tile's bytes, so unchanged tiles revalidate with 304. */
export function tileEtag(bytes: Uint8Array): string {
  return `"${createHash('sha1').update(bytes).digest('base64url')}"`;
}

/** A tile with its ETag, from the cache or rendered (and then cached). */
export async function cachedTile(handle: DatabaseHandle, layer: TileLayerName, tile: TileAddress, villages: string[]): Promise<CachedTile> {
  const key = `${handle.engine}/${layer}/${tile.z}/${tile.x}/${tile.y}?${[...villages].sort().join(',')}`;
  const hit = getCachedTile(key);
  if (hit) return hit;
  const bytes = await renderTile(handle, layer, tile, villages);
  const rendered = { bytes, etag: tileEtag(bytes) };
  putCachedTile(key, rendered);
  return rendered;
}
