import { getDatabase } from '@/db/client';
import { createHazard } from '@/db/queries/hazard-records';
import { hazardPoints, listHazards } from '@/db/queries/hazards';
import { villageCodes } from '@/db/queries/villages';
import { BadRequestError, errorResponse } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/json-body';
import { auditActor, requestIdOf, requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';
import { checkArea } from '@/lib/hazards/area';
import { parseHazardFilter } from '@/lib/hazards/filter';
import { hazardErrorResponse } from '@/lib/hazards/http';
import { hazardCreateSchema } from '@/lib/hazards/input';

export const dynamic = 'force-dynamic';

function pageParameter(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const value = params.get(name);
  if (value === null) return fallback;
  if (!/^\d{1,6}$/.test(value) || Number(value) > max) throw new BadRequestError(`${name} must be a whole number up to ${max}`);
  return Number(value);
}

/**
 * GET /api/v1/hazards — the hazard list as GeoJSON, filtered by area (village, bbox, within=<GeoJSON polygon>),
 * category, place_type, severity, status, overdue, due_within_days, found_from/found_to and q (text);
 * with `total` and `by_status` counts. limit (≤ 1000, default 200) and offset page through it.
 * `view=points` answers the map instead: every matching hazard (limit ≤ 20,000, default 5,000) as a light point.
 */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'data:read');
    const params = new URL(request.url).searchParams;
    const { db } = await getDatabase();
    const requested = parseHazardFilter(params, await villageCodes(db));
    const filter = { ...requested, villages: scopedVillages(actor, requested.villages) };
    await checkArea(db, filter);
    if (params.get('view') === 'points') {
      const points = await hazardPoints(db, filter, pageParameter(params, 'limit', 5000, 20_000));
      return new Response(points, { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
    }
    const page = { limit: pageParameter(params, 'limit', 200, 1000), offset: pageParameter(params, 'offset', 0, 1_000_000) };
    const list = await listHazards(db, filter, page);
    const body = { ...JSON.parse(list.collection), total: list.total, by_status: list.byStatus };
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/v1/hazards — records a new hazard (待整改): by location, or linked to a building, unit or passage;
 * from an analysis finding it carries rule_id and measured. 201 with the record; 400 for bad fields, 422 when
 * the place is outside the user's villages or the town.
 */
export async function POST(request: Request) {
  try {
    const actor = await requireActor(request, 'hazards:report');
    const input = await readJsonBody(request, hazardCreateSchema);
    const { db } = await getDatabase();
    const hazard = await createHazard(db, { input, actor: auditActor(actor), villages: actor.villages, requestId: requestIdOf(request) });
    return Response.json({ hazard }, { status: 201 });
  } catch (error) {
    return hazardErrorResponse(error);
  }
}
