import { describe, expect, it } from 'vitest';
import { getCachedTile, invalidateTiles, putCachedTile } from '../../lib/tiles/tile-cache';

const tile = (size: number) => ({ bytes: new Uint8Array(size), etag: `"${size}"` });

describe('tile cache', () => {
  it('returns what was put, evicts the least recently used beyond its byte budget, and clears', () => {
    invalidateTiles();
    const megabyte = 1024 * 1024;
    putCachedTile('a', tile(30 * megabyte));
    putCachedTile('b', tile(30 * megabyte));
    expect(getCachedTile('a')?.etag).toBe(`"${30 * megabyte}"`); // a is now the most recent
    putCachedTile('c', tile(30 * megabyte)); // 90 MB > 64 MB: b, the least recently used, goes
    expect(getCachedTile('b')).toBeUndefined();
    expect(getCachedTile('a')).toBeDefined();
    expect(getCachedTile('c')).toBeDefined();
    invalidateTiles();
    expect(getCachedTile('a')).toBeUndefined();
  });
});
