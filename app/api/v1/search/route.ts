import { z } from 'zod';
import { searchFeatures } from '@/db/queries/search';
import { BadRequestError } from '@/lib/api/errors';
import { queryValue } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { say } from '@/lib/i18n/say';

export const dynamic = 'force-dynamic';

const searchQuery = z.object({
  q: queryValue('q', (text) => {
    if (text === null) throw new BadRequestError(say('请给出 q（要搜索的文字）', 'q (the text to search for) is required'));
    if (text.length > 50) throw new BadRequestError(say('q 最多 50 个字符', 'q must be at most 50 characters'));
    return text;
  }),
});

/** GET /api/v1/search?q=text&village=… — villages, buildings, units, stations, water sources by name or person. */
export const GET = route({ permission: 'data:read', query: searchQuery, villages: 'list' }, async ({ db, query, villages }) =>
  Response.json({ hits: await searchFeatures(db, query.q, villages) }),
);
