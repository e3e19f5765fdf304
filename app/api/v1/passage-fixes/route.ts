import { z } from 'zod';
import { createFix, listFixes } from '@/db/queries/passage-fixes';
import { queryId } from '@/lib/api/ids';
import { queryList } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { FIX_STATUSES } from '@/lib/domain/enums';
import { createFixSchema } from '@/lib/planning/fixes';

export const dynamic = 'force-dynamic';

const fixesQuery = z.object({ status: queryList('status', FIX_STATUSES), scenario: queryId('scenario') });

/** GET /api/v1/passage-fixes?status=plan,in_progress&scenario=<id> — saved fixes, newest first. */
export const GET = route({ permission: 'passages:plan', query: fixesQuery }, async ({ db, query }) =>
  Response.json({ fixes: await listFixes(db, { statuses: query.status, scenarioId: query.scenario }) }),
);

/**
 * POST /api/v1/passage-fixes — { fix: { kind, … }, responsible, deadline, note, scenario_id? } → 201 with the
 * saved fix (status plan, version 1). New links are checked by PostGIS and joined to passage ends.
 */
export const POST = route({ permission: 'passages:plan', body: createFixSchema }, async ({ db, body, actor }) =>
  Response.json({ fix: await createFix(db, body, auditActor(actor)) }, { status: 201 }),
);
