import { getDatabase } from '@/db/client';
import { periodFigures } from '@/db/queries/stats';
import { villageCodes } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';
import { monthRange, parseMonthParam, todayInChina } from '@/lib/reports/period';
import { parseOneVillage } from '@/lib/screen/params';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/stats/monthly?month=YYYY-MM[&village=<code>] — the figures of the monthly report (town when no
 * village), as JSON: the same query the PDF and XLSX print.
 */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'reports:read');
    const search = new URL(request.url).searchParams;
    const today = todayInChina();
    const month = parseMonthParam(search.get('month'), today);
    const { db } = await getDatabase();
    const village = parseOneVillage(search, await villageCodes(db));
    const figures = await periodFigures(db, { villages: scopedVillages(actor, village ? [village] : []), ...monthRange(month), today });
    return Response.json({ village, month, figures }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
