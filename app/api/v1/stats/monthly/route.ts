import { z } from 'zod';
import { periodFigures } from '@/db/queries/stats';
import { queryValue } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { parseMonthParam } from '@/lib/reports/period';
import { chinaToday, monthRange } from '@/lib/time';

export const dynamic = 'force-dynamic';

const monthlyQuery = z.object({ month: queryValue('month', (text) => parseMonthParam(text, chinaToday())) });

/**
 * GET /api/v1/stats/monthly?month=YYYY-MM[&village=<code>] — the figures of the monthly report (town when no
 * village), as JSON: the same query the PDF and XLSX print.
 */
export const GET = route(
  { permission: 'reports:read', query: monthlyQuery, villages: 'one' },
  async ({ db, query: { month }, village, villages }) => {
    const figures = await periodFigures(db, { villages, ...monthRange(month), today: chinaToday() });
    return Response.json({ village, month, figures });
  },
);
