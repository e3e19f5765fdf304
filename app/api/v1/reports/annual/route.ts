import { z } from 'zod';
import { queryValue } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { fileResponse, parseFormat } from '@/lib/reports/http';
import { annualPdf } from '@/lib/reports/pdf';
import { parseYearParam } from '@/lib/reports/period';
import { annualReportData } from '@/lib/reports/report-data';
import { annualXlsx } from '@/lib/reports/xlsx';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

const annualQuery = z.object({
  format: queryValue('format', parseFormat),
  year: queryValue('year', (text) => parseYearParam(text, chinaToday())),
});

/**
 * GET /api/v1/reports/annual?year=YYYY&format=pdf|xlsx — 年度工作总结: of the whole town, or of a village-scoped
 * user's own villages.
 */
export const GET = route({ permission: 'reports:read', query: annualQuery }, async ({ db, actor, query: { format, year } }) => {
  const report = await annualReportData(db, { year, today: chinaToday(), villages: actor.villages });
  const body = format === 'pdf' ? await annualPdf(report) : await annualXlsx(report);
  return fileResponse(body, format, `${report.area}-${year}年-消防安全年度工作总结`, `annual-${year}`);
});
