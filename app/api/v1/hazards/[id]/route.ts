import { getDatabase } from '@/db/client';
import { listHazardPhotos } from '@/db/queries/hazard-photos';
import { hazardDetail, updateHazard } from '@/db/queries/hazard-records';
import { ForbiddenError, NotFoundError } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/json-body';
import { auditActor, requestIdOf, requireActor } from '@/lib/auth/request';
import { can } from '@/lib/auth/roles';
import type { HazardStatus } from '@/lib/domain/enums';
import { hazardErrorResponse, parseHazardId } from '@/lib/hazards/http';
import { hazardPatchSchema } from '@/lib/hazards/input';
import { allowedNextStatuses } from '@/lib/hazards/lifecycle';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** GET /api/v1/hazards/{id} — the hazard with its timeline, photos, rule, linked record and allowed next steps. */
export async function GET(request: Request, { params }: Params) {
  try {
    const actor = await requireActor(request, 'data:read');
    const id = parseHazardId((await params).id);
    const { db } = await getDatabase();
    const detail = await hazardDetail(db, id, actor.villages);
    if (!detail) throw new NotFoundError(`no hazard with id ${id}`);
    const status = detail.hazard.properties!.status as HazardStatus;
    return Response.json({ ...detail, photos: await listHazardPhotos(db, id), allowed_next: allowedNextStatuses(status) });
  } catch (error) {
    return hazardErrorResponse(error);
  }
}

/** Fields only the re-check role may change: they decide how urgent the hazard is. */
const REVIEW_FIELDS = ['severity', 'deadline', 'category'] as const;

/**
 * PATCH /api/v1/hazards/{id} {version, …fields} — edits a hazard; a stale version answers 409 with the current
 * state. Severity, deadline and category need the verify permission.
 */
export async function PATCH(request: Request, { params }: Params) {
  try {
    const actor = await requireActor(request, 'hazards:report');
    const id = parseHazardId((await params).id);
    const patch = await readJsonBody(request, hazardPatchSchema);
    if (REVIEW_FIELDS.some((field) => patch[field] !== undefined) && !can(actor.role, 'hazards:verify')) {
      throw new ForbiddenError(`changing ${REVIEW_FIELDS.join(', ')} needs the inspector or office role`);
    }
    const { db } = await getDatabase();
    const hazard = await updateHazard(db, {
      id,
      patch,
      actor: auditActor(actor),
      villages: actor.villages,
      requestId: requestIdOf(request),
    });
    return Response.json({ hazard });
  } catch (error) {
    return hazardErrorResponse(error);
  }
}
