import { getDatabase } from '@/db/client';
import { layerCounts } from '@/db/queries/layers';
import { villageCodes } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';
import { parseBbox, parseLayer, parseVillages } from '@/lib/api/params';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';
import { LAYER_NAMES } from '@/lib/map/layer-names';

export const dynamic = 'force-dynamic';

/** GET /api/v1/counts?bbox=…&village=…&layer=… — features per layer in the view (all layers by default). */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'data:read');
    const search = new URL(request.url).searchParams;
    const bbox = parseBbox(search.get('bbox'));
    const layers = search.getAll('layer').length > 0 ? search.getAll('layer').map(parseLayer) : [...LAYER_NAMES];
    const { db } = await getDatabase();
    const villages = scopedVillages(actor, parseVillages(search, await villageCodes(db)));
    return Response.json({ counts: await layerCounts(db, layers, { bbox, villages }) });
  } catch (error) {
    return errorResponse(error);
  }
}
