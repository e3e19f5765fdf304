import { z } from 'zod';
import { getDatabase } from '@/db/client';
import { transitionHazard } from '@/db/queries/hazards';
import { ForbiddenError } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/json-body';
import { auditActor, requestIdOf, requireActor } from '@/lib/auth/request';
import { can } from '@/lib/auth/roles';
import { HAZARD_STATUSES } from '@/lib/domain/enums';
import { hazardErrorResponse, parseHazardId } from '@/lib/hazards/http';
import { isReviewStep } from '@/lib/hazards/lifecycle';

export const dynamic = 'force-dynamic';

const transitionSchema = z.strictObject({
  to: z.enum(HAZARD_STATUSES, { error: `to must be one of ${HAZARD_STATUSES.join(', ')}` }),
  note: z.string().max(2000, { error: 'note must be at most 2000 characters' }).default(''),
  version: z.number({ error: 'version is required' }).int().positive(),
});

/**
 * POST /api/v1/hazards/{id}/transitions {to, note, version} — one lifecycle step (整改销号). 409 for a stale
 * version (with the current state) or an illegal step (with the allowed next states); 422 when closing without
 * an after-photo or a verification note. The re-check (closing, sending back) needs the verify permission.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor(request, 'hazards:report');
    const id = parseHazardId((await params).id);
    const body = await readJsonBody(request, transitionSchema);
    const { db } = await getDatabase();
    const result = await transitionHazard(db, {
      id,
      to: body.to,
      note: body.note.trim(),
      version: body.version,
      actor: auditActor(actor),
      villages: actor.villages,
      requestId: requestIdOf(request),
      authorize: (from) => {
        if (isReviewStep(from) && !can(actor.role, 'hazards:verify')) {
          throw new ForbiddenError('the re-check (复查: 销号 or 退回) needs the inspector or office role');
        }
      },
    });
    return Response.json(result);
  } catch (error) {
    return hazardErrorResponse(error);
  }
}
