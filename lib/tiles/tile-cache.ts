/**
 * In-memory LRU of rendered tiles, bounded by bytes. Every user of the town sees the same building tiles,
 * and cutting one on the embedded engine costs tens to hundreds of milliseconds, so they are worth keeping.
 * Whatever writes buildings must call `invalidateTiles()` (nothing in the app edits footprints yet).
 */
export interface CachedTile {
  bytes: Uint8Array;
  etag: string;
}

const MAX_BYTES = Number(process.env.TILE_CACHE_MB ?? 64) * 1024 * 1024;

interface CacheState {
  entries: Map<string, CachedTile>;
  bytes: number;
}

// On globalThis so every route bundle in the process shares one cache.
const shared = globalThis as unknown as { __fireGisTileCache?: CacheState };
shared.__fireGisTileCache ??= { entries: new Map(), bytes: 0 };
const state = shared.__fireGisTileCache;

export function getCachedTile(key: string): CachedTile | undefined {
  const hit = state.entries.get(key);
  if (hit) {
    // Re-insert to mark as most recently used.
    state.entries.delete(key);
    state.entries.set(key, hit);
  }
  return hit;
}

export function putCachedTile(key: string, tile: CachedTile): void {
  if (tile.bytes.length > MAX_BYTES) return;
  const previous = state.entries.get(key);
  if (previous) {
    state.bytes -= previous.bytes.length;
    state.entries.delete(key);
  }
  state.entries.set(key, tile);
  state.bytes += tile.bytes.length;
  for (const [oldest, entry] of state.entries) {
    if (state.bytes <= MAX_BYTES) break;
    state.entries.delete(oldest);
    state.bytes -= entry.bytes.length;
  }
}

export function invalidateTiles(): void {
  state.entries.clear();
  state.bytes = 0;
}
