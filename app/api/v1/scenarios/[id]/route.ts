import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { getScenario } from '@/lib/planning/scenarios';

export const dynamic = 'force-dynamic';

/** GET /api/v1/scenarios/{id} — one saved scenario with its fixes, sites and figures. */
export const GET = route({ permission: 'passages:plan', params: z.object({ id: pathId('scenario id') }) }, async ({ db, params }) =>
  Response.json({ scenario: await getScenario(db, params.id) }),
);
