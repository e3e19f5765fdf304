import { route } from '@/lib/api/route';
import { evaluateSchema } from '@/lib/planning/fixes';
import { PLANNER_BODY_LIMIT_BYTES } from '@/lib/planning/http';
import { evaluateScenario } from '@/lib/planning/scenario-evaluation';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/scenarios/evaluate — { fixes: [...], sites: [{ kind: water|station, lon, lat }], target_min?, month? }
 * → before/after figures, newly reachable buildings (GeoJSON), findings resolved. Writes nothing.
 */
export const POST = route(
  { permission: 'passages:plan', body: evaluateSchema, bodyLimit: PLANNER_BODY_LIMIT_BYTES },
  async ({ db, body }) => Response.json(await evaluateScenario(db, body)),
);
