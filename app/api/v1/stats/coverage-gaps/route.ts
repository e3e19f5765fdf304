import { getDatabase } from '@/db/client';
import { coverageFigures } from '@/db/queries/stats';
import { villageCodes } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';
import { todayInChina } from '@/lib/reports/period';
import { parseOneVillage } from '@/lib/screen/params';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/stats/coverage-gaps[?village=<code>] — the response-time gap areas (buildings the brigade cannot
 * reach within the target time) as GeoJSON, from the same cached run as the screen's coverage figures.
 */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'screen:view');
    const { db } = await getDatabase();
    const village = parseOneVillage(new URL(request.url).searchParams, await villageCodes(db));
    const coverage = await coverageFigures(db, { villages: scopedVillages(actor, village ? [village] : []), today: todayInChina() });
    return new Response(JSON.stringify({ type: 'FeatureCollection', features: coverage.gaps }), {
      headers: { 'Content-Type': 'application/geo+json; charset=utf-8' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
