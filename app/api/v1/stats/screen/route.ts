import { getDatabase } from '@/db/client';
import { hasDemoData } from '@/db/queries/health';
import { screenStats } from '@/db/queries/stats';
import { villageCodes } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';
import { todayInChina } from '@/lib/reports/period';
import { parseOneVillage } from '@/lib/screen/params';

export const dynamic = 'force-dynamic';

/** GET /api/v1/stats/screen[?village=<code>] — every figure of the wall screen for the town or one village. */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'screen:view');
    const { db } = await getDatabase();
    const village = parseOneVillage(new URL(request.url).searchParams, await villageCodes(db));
    const stats = await screenStats(db, { villages: scopedVillages(actor, village ? [village] : []), today: todayInChina() });
    return Response.json(
      { ...stats, demo_data: await hasDemoData(db), generated_at: new Date().toISOString() },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
