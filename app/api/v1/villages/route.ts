import { getDatabase } from '@/db/client';
import { listVillages } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { inScope } from '@/lib/auth/scope';

export const dynamic = 'force-dynamic';

/** GET /api/v1/villages — code, name and extent of every village the user may see. */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'data:read');
    const { db } = await getDatabase();
    const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
    return Response.json({ villages });
  } catch (error) {
    return errorResponse(error);
  }
}
