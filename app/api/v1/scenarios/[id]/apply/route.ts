import { getDatabase } from '@/db/client';
import { applyScenario } from '@/db/queries/scenarios';
import { fixDetailsSchema } from '@/lib/planning/fixes';
import { parseBody, parseId, placeholderPlanner, planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

/** POST /api/v1/scenarios/{id}/apply — { responsible, deadline, note } → its fixes saved as planned work; once only (409). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // AUTH: passages:plan
  try {
    const id = parseId((await params).id, 'scenario');
    const details = await parseBody(request, fixDetailsSchema);
    const { db } = await getDatabase();
    return Response.json(await applyScenario(db, id, details, placeholderPlanner()));
  } catch (error) {
    return planningErrorResponse(error);
  }
}
