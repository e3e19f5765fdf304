import { getDatabase } from '@/db/client';
import { villageCodes } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';
import { fileResponse, fontErrorResponse, parseFormat } from '@/lib/reports/http';
import { monthlyPdf } from '@/lib/reports/pdf';
import { parseMonthParam, todayInChina } from '@/lib/reports/period';
import { monthlyReportData } from '@/lib/reports/report-data';
import { monthlyXlsx } from '@/lib/reports/xlsx';
import { parseOneVillage } from '@/lib/screen/params';

export const dynamic = 'force-dynamic';

/** GET /api/v1/reports/monthly?village=<code>&month=YYYY-MM&format=pdf|xlsx — 每月报送 of one village. */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'reports:read');
    const search = new URL(request.url).searchParams;
    const format = parseFormat(search.get('format'));
    const today = todayInChina();
    const month = parseMonthParam(search.get('month'), today);
    const { db } = await getDatabase();
    const village = parseOneVillage(search, await villageCodes(db), true)!;
    scopedVillages(actor, [village]); // 403 for a village outside the user's scope
    const report = await monthlyReportData(db, { village, month, today });
    const body = format === 'pdf' ? await monthlyPdf(report) : await monthlyXlsx(report);
    return fileResponse(body, format, `${report.village.name}-${month}-消防安全月报`, `monthly-${village}-${month}`);
  } catch (error) {
    return fontErrorResponse(error) ?? errorResponse(error);
  }
}
