import { tileParams } from '@/lib/api/params';
import { route } from '@/lib/api/route';
import { cachedTile } from '@/lib/tiles/tile-service';

export const dynamic = 'force-dynamic';

/** GET /api/v1/tiles/{layer}/{z}/{x}/{y}.mvt — a Mapbox Vector Tile; empty (not an error) outside the data. */
export const GET = route(
  { permission: 'data:read', params: tileParams, villages: 'list' },
  async ({ handle, params, villages, request }) => {
    const { bytes, etag } = await cachedTile(handle, params.layer, params.tile, villages);
    const headers = {
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      // Data can be edited: the browser may keep a tile briefly, then must revalidate with the ETag.
      // Private: what a tile holds depends on who asks (village scope), so shared caches must not keep it.
      'Cache-Control': 'private, max-age=60, must-revalidate',
      ETag: etag,
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(bytes as BodyInit, { status: 200, headers });
  },
);
