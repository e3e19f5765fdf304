import { baseFeatureParams } from '@/lib/api/params';
import { route } from '@/lib/api/route';
import { featureForEdit } from '@/lib/layers/feature-edit';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/features/{layer}/{id}/current — a base feature as the edit form shows and sends it: its version, its
 * fields (references by code, enumerations by their codes), its geometry, and what the user may change of it.
 */
export const GET = route({ permission: 'hazards:report', params: baseFeatureParams }, async ({ db, params, actor }) =>
  Response.json(await featureForEdit(db, { actor, layer: params.layer, id: params.id })),
);
