import { z } from 'zod';
import { queryValue } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { fileResponse, parseFormat } from '@/lib/reports/http';
import { monthlyPdf } from '@/lib/reports/pdf';
import { parseMonthParam } from '@/lib/reports/period';
import { monthlyReportData } from '@/lib/reports/report-data';
import { monthlyXlsx } from '@/lib/reports/xlsx';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

const monthlyQuery = z.object({
  format: queryValue('format', parseFormat),
  month: queryValue('month', (text) => parseMonthParam(text, chinaToday())),
});

/** GET /api/v1/reports/monthly?village=<code>&month=YYYY-MM&format=pdf|xlsx — 每月报送 of one village (403 outside the user's scope). */
export const GET = route(
  { permission: 'reports:read', query: monthlyQuery, villages: 'one-required' },
  async ({ db, village, query: { format, month } }) => {
    const report = await monthlyReportData(db, { village, month, today: chinaToday() });
    const body = format === 'pdf' ? await monthlyPdf(report) : await monthlyXlsx(report);
    return fileResponse(body, format, `${report.village.name}-${month}-消防安全月报`, `monthly-${village}-${month}`);
  },
);
