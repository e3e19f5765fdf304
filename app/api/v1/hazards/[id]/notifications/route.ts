import type { z } from 'zod';
import { getDatabase } from '@/db/client';
import { recordNotification } from '@/db/queries/hazard-records';
import { readJsonBody } from '@/lib/api/json-body';
import { auditActor, requestIdOf, requireActor } from '@/lib/auth/request';
import { hazardErrorResponse, parseHazardId } from '@/lib/hazards/http';
import { notificationSchema } from '@/lib/hazards/input';

export const dynamic = 'force-dynamic';

/** POST /api/v1/hazards/{id}/notifications {method, on} — records that the responsible person was told (nothing is sent). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor(request, 'hazards:report');
    const id = parseHazardId((await params).id);
    const notification = await readJsonBody(request, notificationSchema as z.ZodType<{ method: string; on: string }>);
    const { db } = await getDatabase();
    await recordNotification(db, { id, notification, actor: auditActor(actor), villages: actor.villages, requestId: requestIdOf(request) });
    return new Response(null, { status: 204 });
  } catch (error) {
    return hazardErrorResponse(error);
  }
}
