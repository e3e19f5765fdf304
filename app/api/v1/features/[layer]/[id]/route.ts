import { getDatabase } from '@/db/client';
import { layerFeature } from '@/db/queries/layers';
import { errorResponse, NotFoundError } from '@/lib/api/errors';
import { parseLayer } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

/** GET /api/v1/features/{layer}/{id} — one feature with all its properties (the map's detail card). */
export async function GET(_request: Request, { params }: { params: Promise<{ layer: string; id: string }> }) {
  try {
    const { layer: layerParam, id } = await params;
    const layer = parseLayer(layerParam);
    const { db } = await getDatabase();
    const feature = await layerFeature(db, layer, id.slice(0, 64));
    if (!feature) throw new NotFoundError(`no ${layer} feature with id "${id.slice(0, 64)}"`);
    return new Response(feature, { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
  } catch (error) {
    return errorResponse(error);
  }
}
