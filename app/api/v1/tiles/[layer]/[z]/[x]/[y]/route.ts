import { getDatabase } from '@/db/client';
import { villageCodes } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';
import { parseTileAddress, parseTileLayer, parseVillages } from '@/lib/api/params';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';
import { cachedTile } from '@/lib/tiles/tile-service';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ layer: string; z: string; x: string; y: string }> };

/** GET /api/v1/tiles/{layer}/{z}/{x}/{y}.mvt — a Mapbox Vector Tile; empty (not an error) outside the data. */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireActor(request, 'data:read');
    const { layer: layerParam, z, x, y } = await params;
    const layer = parseTileLayer(layerParam);
    const tile = parseTileAddress(z, x, y);
    const handle = await getDatabase();
    const villages = scopedVillages(actor, parseVillages(new URL(request.url).searchParams, await villageCodes(handle.db)));
    const { bytes, etag } = await cachedTile(handle, layer, tile, villages);
    const headers = {
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      // Data can be edited: the browser may keep a tile briefly, then must revalidate with the ETag.
      // Private: what a tile holds depends on who asks (village scope), so shared caches must not keep it.
      'Cache-Control': 'private, max-age=60, must-revalidate',
      ETag: etag,
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(bytes as BodyInit, { status: 200, headers });
  } catch (error) {
    return errorResponse(error);
  }
}
