import { z } from 'zod';
import { layerFeature } from '@/db/queries/layers';
import { NotFoundError } from '@/lib/api/errors';
import { requireFeatureId } from '@/lib/api/ids';
import { layerParam } from '@/lib/api/params';
import { asIssue } from '@/lib/api/query';
import { geoJsonResponse } from '@/lib/api/responses';
import { route } from '@/lib/api/route';
import { say } from '@/lib/i18n/say';
import { layerContext } from '@/lib/layers/layer-context';

export const dynamic = 'force-dynamic';

const featureParams = z.object({ layer: layerParam, id: z.string() }).transform(({ layer, id }, ctx) => ({
  layer,
  id: String(asIssue(() => requireFeatureId(id, layer === 'villages' ? 'string' : 'integer'), ctx)),
}));

/** GET /api/v1/features/{layer}/{id} — one feature with all its properties (the map's detail card). */
export const GET = route({ permission: 'data:read', params: featureParams }, async ({ db, params, villages }) => {
  // Outside the user's villages a feature answers like a missing one, so its existence does not leak.
  const feature = await layerFeature(db, params.layer, params.id, villages, await layerContext(db));
  if (!feature)
    throw new NotFoundError(say(`没有 id 为“${params.id}”的${params.layer}要素`, `no ${params.layer} feature with id "${params.id}"`));
  return geoJsonResponse(feature);
});
