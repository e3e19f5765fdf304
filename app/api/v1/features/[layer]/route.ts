import { z } from 'zod';
import { parseOrThrow } from '@/lib/api/field-errors';
import { baseLayerParam } from '@/lib/api/params';
import { route } from '@/lib/api/route';
import { BASE_LAYER_SPECS } from '@/lib/domain/base-fields';
import { createFeature } from '@/lib/layers/feature-edit';
import { featureCreateSchema } from '@/lib/layers/feature-input';

export const dynamic = 'force-dynamic';

/** POST /api/v1/features/{layer} {properties, geometry} — adds a base feature (office and admin); 201 with its state. */
export const POST = route(
  { permission: 'data:edit', params: z.object({ layer: baseLayerParam }), body: z.unknown() },
  async ({ db, params, body, actor, requestId }) => {
    const input = parseOrThrow(featureCreateSchema(BASE_LAYER_SPECS[params.layer]), body);
    const created = await createFeature(db, { actor, layer: params.layer, requestId }, input);
    return Response.json(created, { status: 201 });
  },
);
