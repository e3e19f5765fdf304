import { getDatabase } from '@/db/client';
import { getFix, updateFix } from '@/db/queries/passage-fixes';
import { auditActor, requireActor } from '@/lib/auth/request';
import { updateFixSchema } from '@/lib/planning/fixes';
import { parseBody, parseId, planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor(request, 'passages:plan');
    const id = parseId((await params).id, 'passage fix');
    const { db } = await getDatabase();
    return Response.json({ fix: await getFix(db, id) });
  } catch (error) {
    return planningErrorResponse(error);
  }
}

/**
 * PATCH /api/v1/passage-fixes/{id} — { version, status?, responsible?, deadline?, note? }. Status moves forward
 * only; reaching `done` changes the passage data. A stale version or a backward step → 409 with `current`.
 */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor(request, 'passages:plan');
    const id = parseId((await params).id, 'passage fix');
    const input = await parseBody(request, updateFixSchema);
    const { db } = await getDatabase();
    return Response.json({ fix: await updateFix(db, id, input, auditActor(actor)) });
  } catch (error) {
    return planningErrorResponse(error);
  }
}
