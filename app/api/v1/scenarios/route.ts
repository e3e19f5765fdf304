import { getDatabase } from '@/db/client';
import { listScenarios, saveScenario } from '@/db/queries/scenarios';
import { auditActor, requireActor } from '@/lib/auth/request';
import { createScenarioSchema } from '@/lib/planning/fixes';
import { parseBody, planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/scenarios — saved scenarios with their before/after figures, newest first. */
export async function GET(request: Request) {
  try {
    await requireActor(request, 'passages:plan');
    const { db } = await getDatabase();
    return Response.json({ scenarios: await listScenarios(db) });
  } catch (error) {
    return planningErrorResponse(error);
  }
}

/** POST /api/v1/scenarios — { name, fixes, sites, target_min?, month? } → 201, evaluated and saved. */
export async function POST(request: Request) {
  try {
    const actor = await requireActor(request, 'passages:plan');
    const input = await parseBody(request, createScenarioSchema);
    const { db } = await getDatabase();
    return Response.json({ scenario: await saveScenario(db, input, auditActor(actor)) }, { status: 201 });
  } catch (error) {
    return planningErrorResponse(error);
  }
}
