import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { buildingCheckSchema } from '@/lib/field-checks/input';
import { fieldCheckHistory, recordBuildingCheck } from '@/lib/field-checks/record';

export const dynamic = 'force-dynamic';

const buildingParams = z.object({ id: pathId('building id') });

/** GET /api/v1/buildings/{id}/field-checks — the building's field checks, newest observation first, and its equipment now. */
export const GET = route({ permission: 'data:read', params: buildingParams }, async ({ db, params, actor }) =>
  Response.json(await fieldCheckHistory(db, 'building', params.id, actor.villages)),
);

/**
 * POST /api/v1/buildings/{id}/field-checks {observed_at, has_smoke_alarm?, has_extinguisher?, note?} — what a
 * check on site found (现场核查). 201 with the check, the building as it now stands and whether the check was
 * applied (false: a later observation was stored already). Takes an Idempotency-Key.
 */
export const POST = route(
  { permission: 'hazards:report', params: buildingParams, body: buildingCheckSchema, idempotent: true },
  async ({ db, params, body, actor, requestId }) => {
    const result = await recordBuildingCheck(db, params.id, body, {
      actor: { ...auditActor(actor), userId: actor.userId },
      villages: actor.villages,
      requestId,
    });
    return Response.json(result, { status: 201 });
  },
);
