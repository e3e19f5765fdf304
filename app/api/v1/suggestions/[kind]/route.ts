import { z } from 'zod';
import { BadRequestError } from '@/lib/api/errors';
import { pathValue, queryNumber, queryWholeNumber } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { say } from '@/lib/i18n/say';
import { suggestSites } from '@/lib/planning/suggestions';

export const dynamic = 'force-dynamic';

const SUGGESTION_KINDS = ['water', 'station'] as const;

const kindParam = pathValue((text) => {
  const kind = SUGGESTION_KINDS.find((known) => known === text);
  if (!kind)
    throw new BadRequestError(
      say(
        `未知的建议类型“${text.slice(0, 40)}”；请使用 water 或 station`,
        `unknown suggestion kind "${text.slice(0, 40)}"; use water or station`,
      ),
    );
  return kind;
});

const suggestionQuery = z.object({
  k: queryWholeNumber('k', 1, 20).default(5),
  month: queryWholeNumber('month', 1, 12),
  speed_kmh: queryNumber('speed_kmh', 1, 120),
});

/** GET /api/v1/suggestions/{water|station}?k=5[&month=1-12][&speed_kmh=…] — the k best new sites with each one's gain. */
export const GET = route(
  { permission: 'passages:plan', params: z.object({ kind: kindParam }), query: suggestionQuery },
  async ({ db, params, query }) =>
    Response.json(await suggestSites(db, params.kind, query.k, { month: query.month, speedKmh: query.speed_kmh })),
);
