import { getDatabase } from '@/db/client';
import { errorResponse, ForbiddenError } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { fileResponse, fontErrorResponse, parseFormat } from '@/lib/reports/http';
import { annualPdf } from '@/lib/reports/pdf';
import { parseYearParam, todayInChina } from '@/lib/reports/period';
import { annualReportData } from '@/lib/reports/report-data';
import { annualXlsx } from '@/lib/reports/xlsx';

export const dynamic = 'force-dynamic';

/** GET /api/v1/reports/annual?year=YYYY&format=pdf|xlsx — 年度工作总结 of the whole town. */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'reports:read');
    if (actor.villages !== null)
      throw new ForbiddenError('the annual summary covers the whole town; village-scoped users get the monthly report');
    const search = new URL(request.url).searchParams;
    const format = parseFormat(search.get('format'));
    const today = todayInChina();
    const year = parseYearParam(search.get('year'), today);
    const { db } = await getDatabase();
    const report = await annualReportData(db, { year, today });
    const body = format === 'pdf' ? await annualPdf(report) : await annualXlsx(report);
    return fileResponse(body, format, `刘胡兰镇-${year}年-消防安全年度工作总结`, `annual-${year}`);
  } catch (error) {
    return fontErrorResponse(error) ?? errorResponse(error);
  }
}
