import { getDatabase } from '@/db/client';
import { evaluateScenario } from '@/db/queries/scenarios';
import { requireActor } from '@/lib/auth/request';
import { evaluateSchema } from '@/lib/planning/fixes';
import { parseBody, planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/scenarios/evaluate — { fixes: [...], sites: [{ kind: water|station, lon, lat }], target_min?, month? }
 * → before/after figures, newly reachable buildings (GeoJSON), findings resolved. Writes nothing.
 */
export async function POST(request: Request) {
  try {
    await requireActor(request, 'passages:plan');
    const input = await parseBody(request, evaluateSchema);
    const { db } = await getDatabase();
    return Response.json(await evaluateScenario(db, input));
  } catch (error) {
    return planningErrorResponse(error);
  }
}
