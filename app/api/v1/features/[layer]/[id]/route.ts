import { getDatabase } from '@/db/client';
import { layerFeature } from '@/db/queries/layers';
import { errorResponse, NotFoundError } from '@/lib/api/errors';
import { parseLayer } from '@/lib/api/params';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';

export const dynamic = 'force-dynamic';

/** GET /api/v1/features/{layer}/{id} — one feature with all its properties (the map's detail card). */
export async function GET(request: Request, { params }: { params: Promise<{ layer: string; id: string }> }) {
  try {
    const actor = await requireActor(request, 'data:read');
    const { layer: layerParam, id } = await params;
    const layer = parseLayer(layerParam);
    const { db } = await getDatabase();
    // Outside the user's villages a feature answers like a missing one, so its existence does not leak.
    const feature = await layerFeature(db, layer, id.slice(0, 64), scopedVillages(actor, []));
    if (!feature) throw new NotFoundError(`no ${layer} feature with id "${id.slice(0, 64)}"`);
    return new Response(feature, { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
  } catch (error) {
    return errorResponse(error);
  }
}
