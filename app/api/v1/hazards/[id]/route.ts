import { z } from 'zod';
import { listHazardPhotos } from '@/db/queries/hazard-photos';
import { hazardDetail, updateHazard } from '@/db/queries/hazard-records';
import { ForbiddenError, NotFoundError } from '@/lib/api/errors';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { can } from '@/lib/auth/roles';
import type { HazardStatus } from '@/lib/domain/enums';
import { hazardPatchSchema } from '@/lib/hazards/input';
import { allowedNextStatuses } from '@/lib/hazards/lifecycle';
import { say } from '@/lib/i18n/say';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

const hazardParams = z.object({ id: pathId('hazard id') });

/** GET /api/v1/hazards/{id} — the hazard with its timeline, photos, rule, linked record and allowed next steps. */
export const GET = route({ permission: 'data:read', params: hazardParams }, async ({ db, params, actor }) => {
  const detail = await hazardDetail(db, params.id, actor.villages, chinaToday());
  if (!detail) throw new NotFoundError(say(`没有 id 为 ${params.id} 的隐患`, `no hazard with id ${params.id}`));
  const status = detail.hazard.properties?.status as HazardStatus;
  return Response.json({ ...detail, photos: await listHazardPhotos(db, params.id), allowed_next: allowedNextStatuses(status) });
});

/** Fields only the re-check role may change: they decide how urgent the hazard is. */
const REVIEW_FIELDS = ['severity', 'deadline', 'category'] as const;

/**
 * PATCH /api/v1/hazards/{id} {version, …fields} — edits a hazard; a stale version answers 409 with the current
 * state. Severity, deadline and category need the verify permission. Takes an Idempotency-Key.
 */
export const PATCH = route(
  { permission: 'hazards:report', params: hazardParams, body: hazardPatchSchema, idempotent: true },
  async ({ db, params, body, actor, requestId }) => {
    if (REVIEW_FIELDS.some((field) => body[field] !== undefined) && !can(actor.role, 'hazards:verify')) {
      throw new ForbiddenError(
        say(
          `修改${REVIEW_FIELDS.join('、')}需要检查员或办公室角色`,
          `changing ${REVIEW_FIELDS.join(', ')} needs the inspector or office role`,
        ),
      );
    }
    const hazard = await updateHazard(db, { id: params.id, patch: body, actor: auditActor(actor), villages: actor.villages, requestId });
    return Response.json({ hazard });
  },
);
