import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { fixDetailsSchema } from '@/lib/planning/fixes';
import { applyScenario } from '@/lib/planning/scenarios';

export const dynamic = 'force-dynamic';

/** POST /api/v1/scenarios/{id}/apply — { responsible, deadline, note } → its fixes saved as planned work; once only (409). */
export const POST = route(
  { permission: 'passages:plan', params: z.object({ id: pathId('scenario id') }), body: fixDetailsSchema },
  async ({ db, params, body, actor, requestId }) =>
    Response.json(await applyScenario(db, params.id, body, { actor: auditActor(actor), requestId })),
);
