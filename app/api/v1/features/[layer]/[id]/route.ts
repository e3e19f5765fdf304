import { z } from 'zod';
import { layerFeature } from '@/db/queries/layers';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { requireId } from '@/lib/api/ids';
import { layerParam } from '@/lib/api/params';
import { asIssue } from '@/lib/api/query';
import { geoJsonResponse } from '@/lib/api/responses';
import { route } from '@/lib/api/route';
import { layerContext } from '@/lib/layers/layer-context';
import type { LayerName } from '@/lib/map/layer-names';

export const dynamic = 'force-dynamic';

/** A village is known by its 12-digit code, every other feature by its record id. */
function featureId(layer: LayerName, text: string): string {
  if (layer === 'villages') {
    if (!/^\d{12}$/.test(text)) throw new BadRequestError('a village feature id is its 12-digit village code');
    return text;
  }
  return String(requireId(text, 'feature id'));
}

const featureParams = z
  .object({ layer: layerParam, id: z.string() })
  .transform(({ layer, id }, ctx) => ({ layer, id: asIssue(() => featureId(layer, id), ctx) }));

/** GET /api/v1/features/{layer}/{id} — one feature with all its properties (the map's detail card). */
export const GET = route({ permission: 'data:read', params: featureParams }, async ({ db, params, villages }) => {
  // Outside the user's villages a feature answers like a missing one, so its existence does not leak.
  const feature = await layerFeature(db, params.layer, params.id, villages, await layerContext(db));
  if (!feature) throw new NotFoundError(`no ${params.layer} feature with id "${params.id}"`);
  return geoJsonResponse(feature);
});
