import { z } from 'zod';
import { auditNames, listAudit } from '@/db/queries/audit';
import { BadRequestError } from '@/lib/api/errors';
import { queryDate, queryText, queryValue, queryWholeNumber } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { say } from '@/lib/i18n/say';

export const dynamic = 'force-dynamic';

const auditQuery = z.object({
  actor: queryText('actor', 100),
  table: queryValue('table', (text) => {
    if (text !== null && !/^[a-z_]{1,40}$/.test(text)) throw new BadRequestError(say('table 必须是表名', 'table must be a table name'));
    return text ?? undefined;
  }),
  record: queryText('record', 64),
  from: queryDate('from'),
  to: queryDate('to'),
  limit: queryWholeNumber('limit', 1, 500).default(100),
  offset: queryWholeNumber('offset', 0, 9_999_999).default(0),
});

/**
 * GET /api/v1/audit?actor=&village=&table=&record=&from=YYYY-MM-DD&to=YYYY-MM-DD&limit=&offset= — the audit
 * trail (责任倒查), newest first, with the names behind its ids and codes (people, villages, hazards, buildings).
 */
export const GET = route({ permission: 'audit:read', query: auditQuery, villages: 'list' }, async ({ db, query, villages }) => {
  const { limit, offset, record, ...filter } = query;
  const page = await listAudit(db, { ...filter, recordId: record, villages }, { limit, offset });
  return Response.json({ ...page, names: await auditNames(db, page.rows) });
});
