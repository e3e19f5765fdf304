import { z } from 'zod';
import { recordNotification } from '@/db/queries/hazard-records';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { notificationSchema } from '@/lib/hazards/input';

export const dynamic = 'force-dynamic';

/** POST /api/v1/hazards/{id}/notifications {method, on} — records that the responsible person was told (nothing is sent). */
export const POST = route(
  { permission: 'hazards:report', params: z.object({ id: pathId('hazard id') }), body: notificationSchema },
  async ({ db, params, body, actor, requestId }) => {
    await recordNotification(db, { id: params.id, notification: body, actor: auditActor(actor), villages: actor.villages, requestId });
    return new Response(null, { status: 204 });
  },
);
