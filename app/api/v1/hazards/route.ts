import { createHazard } from '@/db/queries/hazard-records';
import { hazardPoints, listHazards } from '@/db/queries/hazards';
import { queryChoice, queryWholeNumber } from '@/lib/api/query';
import { geoJsonResponse } from '@/lib/api/responses';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { checkArea } from '@/lib/hazards/area';
import { hazardFilter, hazardFilterQuery } from '@/lib/hazards/filter';
import { hazardCreateSchema } from '@/lib/hazards/input';
import { say } from '@/lib/i18n/say';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

const LIST_MAX = 1000;
const POINTS_MAX = 20_000;

const listQuery = hazardFilterQuery({
  view: queryChoice('view', ['points']),
  limit: queryWholeNumber('limit', 0, POINTS_MAX),
  offset: queryWholeNumber('offset', 0, 1_000_000).default(0),
}).refine((query) => query.view === 'points' || (query.limit ?? 0) <= LIST_MAX, {
  path: ['limit'],
  error: () =>
    say(
      `limit 必须是不超过 ${LIST_MAX} 的整数（view=points 时为 ${POINTS_MAX}）`,
      `limit must be a whole number up to ${LIST_MAX} (${POINTS_MAX} with view=points)`,
    ),
});

/**
 * GET /api/v1/hazards — the hazard list as GeoJSON, filtered by area (village, bbox, within=<GeoJSON polygon>),
 * category, place_type, severity, status, overdue, due_within_days, found_from/found_to and q (text);
 * with `total` and `by_status` counts. limit (≤ 1000, default 200) and offset page through it.
 * `view=points` answers the map instead: every matching hazard (limit ≤ 20,000, default 5,000) as a light point.
 */
export const GET = route({ permission: 'data:read', query: listQuery, villages: 'list' }, async ({ db, query, villages }) => {
  const filter = hazardFilter(query, villages);
  await checkArea(db, filter);
  const today = chinaToday();
  if (query.view === 'points') return geoJsonResponse(await hazardPoints(db, filter, query.limit ?? 5000, today));
  const list = await listHazards(db, filter, { limit: query.limit ?? 200, offset: query.offset }, today);
  return geoJsonResponse({ ...JSON.parse(list.collection), total: list.total, by_status: list.byStatus });
});

/**
 * POST /api/v1/hazards — records a new hazard (待整改): by location, or linked to a building, unit or passage;
 * from an analysis finding it carries rule_id and measured. 201 with the record; 400 for bad fields, 422 when
 * the place is outside the user's villages or the town.
 */
export const POST = route(
  { permission: 'hazards:report', body: hazardCreateSchema, idempotent: true },
  async ({ db, body, actor, requestId }) => {
    const hazard = await createHazard(db, { input: body, actor: auditActor(actor), villages: actor.villages, requestId });
    return Response.json({ hazard }, { status: 201 });
  },
);
