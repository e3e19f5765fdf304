import { z } from 'zod';
import { layerFeature } from '@/db/queries/layers';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { parseOrThrow } from '@/lib/api/field-errors';
import { baseFeatureParams, featureParams } from '@/lib/api/params';
import { queryWholeNumber } from '@/lib/api/query';
import { geoJsonResponse } from '@/lib/api/responses';
import { route } from '@/lib/api/route';
import { BASE_LAYER_SPECS } from '@/lib/domain/base-fields';
import { say } from '@/lib/i18n/say';
import { editFeature, retireFeatureAs } from '@/lib/layers/feature-edit';
import { featurePatchSchema } from '@/lib/layers/feature-input';
import { layerContext } from '@/lib/layers/layer-context';

export const dynamic = 'force-dynamic';

/** GET /api/v1/features/{layer}/{id} — one feature with all its properties (the map's detail card). */
export const GET = route({ permission: 'data:read', params: featureParams }, async ({ db, params, villages }) => {
  // Outside the user's villages a feature answers like a missing one, so its existence does not leak.
  const feature = await layerFeature(db, params.layer, params.id, villages, await layerContext(db));
  if (!feature)
    throw new NotFoundError(say(`没有 id 为“${params.id}”的${params.layer}要素`, `no ${params.layer} feature with id "${params.id}"`));
  return geoJsonResponse(feature);
});

/**
 * PATCH /api/v1/features/{layer}/{id} {version, properties?, geometry?} — changes a base feature on the version the
 * client read (stale → 409 with the current state). Office and admin change everything; inspectors and village
 * officers the field-check attributes in their villages.
 */
export const PATCH = route(
  { permission: 'hazards:report', params: baseFeatureParams, body: z.unknown() },
  async ({ db, params, body, actor, requestId }) => {
    const { layer } = params;
    const patch = parseOrThrow(featurePatchSchema(BASE_LAYER_SPECS[layer]), body);
    const feature = await editFeature(db, { actor, layer, id: params.id, requestId }, patch);
    return Response.json({ feature });
  },
);

/** DELETE /api/v1/features/{layer}/{id}?version= — retires a base feature; hazards that link to it stay readable. */
export const DELETE = route(
  { permission: 'data:edit', params: baseFeatureParams, query: z.object({ version: queryWholeNumber('version', 1, 2_147_483_647) }) },
  async ({ db, params, query, actor, requestId }) => {
    const { layer } = params;
    if (query.version === undefined)
      throw new BadRequestError(say('请给出所读取要素的版本 version', 'give the version of the feature you read'));
    await retireFeatureAs(db, { actor, layer, id: params.id, requestId }, query.version);
    return new Response(null, { status: 204 });
  },
);
