import { getDatabase } from '@/db/client';
import { getScenario } from '@/db/queries/scenarios';
import { requireActor } from '@/lib/auth/request';
import { parseId, planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireActor(request, 'passages:plan');
    const id = parseId((await params).id, 'scenario');
    const { db } = await getDatabase();
    return Response.json({ scenario: await getScenario(db, id) });
  } catch (error) {
    return planningErrorResponse(error);
  }
}
