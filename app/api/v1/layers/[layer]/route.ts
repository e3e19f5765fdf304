import { getDatabase } from '@/db/client';
import { layerFeatureCollection } from '@/db/queries/layers';
import { villageCodes } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';
import { parseBbox, parseLayer, parseVillages } from '@/lib/api/params';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';

export const dynamic = 'force-dynamic';

/** GET /api/v1/layers/{layer}?bbox=w,s,e,n&village=code — the layer as GeoJSON. */
export async function GET(request: Request, { params }: { params: Promise<{ layer: string }> }) {
  try {
    const actor = await requireActor(request, 'data:read');
    const layer = parseLayer((await params).layer);
    const search = new URL(request.url).searchParams;
    const bbox = parseBbox(search.get('bbox'));
    const { db } = await getDatabase();
    const villages = scopedVillages(actor, parseVillages(search, await villageCodes(db)));
    const body = await layerFeatureCollection(db, layer, { bbox, villages });
    return new Response(body, { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
  } catch (error) {
    return errorResponse(error);
  }
}
