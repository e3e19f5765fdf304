import { z } from 'zod';
import { ForbiddenError } from '@/lib/api/errors';
import { jsonVersion, pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { can } from '@/lib/auth/roles';
import { HAZARD_STATUSES } from '@/lib/domain/enums';
import { isReviewStep } from '@/lib/hazards/lifecycle';
import { transitionHazard } from '@/lib/hazards/transitions';
import { say } from '@/lib/i18n/say';

export const dynamic = 'force-dynamic';

const transitionSchema = z.strictObject({
  to: z.enum(HAZARD_STATUSES, {
    error: () => say(`to 必须是 ${HAZARD_STATUSES.join('、')} 之一`, `to must be one of ${HAZARD_STATUSES.join(', ')}`),
  }),
  note: z
    .string()
    .max(2000, { error: () => say('备注最多 2000 个字', 'note must be at most 2000 characters') })
    .default(''),
  version: jsonVersion(),
});

/**
 * POST /api/v1/hazards/{id}/transitions {to, note, version} — one lifecycle step (整改销号). 409 for a stale
 * version (with the current state) or an illegal step (with the allowed next states); 422 when closing without
 * an after-photo or a verification note. The re-check (closing, sending back) needs the verify permission.
 * Takes an Idempotency-Key.
 */
export const POST = route(
  { permission: 'hazards:report', params: z.object({ id: pathId('hazard id') }), body: transitionSchema, idempotent: true },
  async ({ db, params, body, actor, requestId }) => {
    const result = await transitionHazard(db, {
      id: params.id,
      to: body.to,
      note: body.note.trim(),
      version: body.version,
      actor: auditActor(actor),
      villages: actor.villages,
      requestId,
      authorize: (from) => {
        if (isReviewStep(from) && !can(actor.role, 'hazards:verify')) {
          throw new ForbiddenError(
            say('复查（销号或退回）需要检查员或办公室角色', 'the re-check (复查: 销号 or 退回) needs the inspector or office role'),
          );
        }
      },
    });
    return Response.json(result);
  },
);
