import { getDatabase } from '@/db/client';
import { applyScenario } from '@/db/queries/scenarios';
import { auditActor, requireActor } from '@/lib/auth/request';
import { fixDetailsSchema } from '@/lib/planning/fixes';
import { parseBody, parseId, planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

/** POST /api/v1/scenarios/{id}/apply — { responsible, deadline, note } → its fixes saved as planned work; once only (409). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor(request, 'passages:plan');
    const id = parseId((await params).id, 'scenario');
    const details = await parseBody(request, fixDetailsSchema);
    const { db } = await getDatabase();
    return Response.json(await applyScenario(db, id, details, auditActor(actor)));
  } catch (error) {
    return planningErrorResponse(error);
  }
}
