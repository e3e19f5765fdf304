import { listScenarios } from '@/db/queries/scenarios';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { createScenarioSchema } from '@/lib/planning/fixes';
import { PLANNER_BODY_LIMIT_BYTES } from '@/lib/planning/http';
import { saveScenario } from '@/lib/planning/scenarios';

export const dynamic = 'force-dynamic';

/** GET /api/v1/scenarios — saved scenarios with their before/after figures, newest first. */
export const GET = route({ permission: 'passages:plan' }, async ({ db }) => Response.json({ scenarios: await listScenarios(db) }));

/** POST /api/v1/scenarios — { name, fixes, sites, target_min?, month? } → 201, evaluated and saved. */
export const POST = route(
  { permission: 'passages:plan', body: createScenarioSchema, bodyLimit: PLANNER_BODY_LIMIT_BYTES },
  async ({ db, body, actor, requestId }) =>
    Response.json({ scenario: await saveScenario(db, body, { actor: auditActor(actor), requestId }) }, { status: 201 }),
);
