import { getDatabase } from '@/db/client';
import { segmentsToFix } from '@/db/queries/scenarios';
import { requireActor } from '@/lib/auth/request';
import { planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/passage-fixes/segments — blocked and substandard segments ranked by buildings cut off, with obstacles and milestones. */
export async function GET(request: Request) {
  try {
    await requireActor(request, 'passages:plan');
    const { db } = await getDatabase();
    return Response.json(await segmentsToFix(db));
  } catch (error) {
    return planningErrorResponse(error);
  }
}
