import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { obstacleCheckSchema } from '@/lib/field-checks/input';
import { fieldCheckHistory, recordObstacleCheck } from '@/lib/field-checks/record';

export const dynamic = 'force-dynamic';

const obstacleParams = z.object({ id: pathId('obstacle id') });

/** GET /api/v1/obstacles/{id}/field-checks — the obstacle's field checks, newest observation first, and its state now. */
export const GET = route({ permission: 'data:read', params: obstacleParams }, async ({ db, params, actor }) =>
  Response.json(await fieldCheckHistory(db, 'obstacle', params.id, actor.villages)),
);

/**
 * POST /api/v1/obstacles/{id}/field-checks {observed_at, cleared, note?} — whether the obstacle was still there
 * (现场核查). Cleared: 已清除 on the China date of observed_at; not cleared: open. 201 with the check, the
 * obstacle as it now stands and whether the check was applied. Takes an Idempotency-Key.
 */
export const POST = route(
  { permission: 'hazards:report', params: obstacleParams, body: obstacleCheckSchema, idempotent: true },
  async ({ db, params, body, actor, requestId }) => {
    const result = await recordObstacleCheck(db, params.id, body, {
      actor: { ...auditActor(actor), userId: actor.userId },
      villages: actor.villages,
      requestId,
    });
    return Response.json(result, { status: 201 });
  },
);
