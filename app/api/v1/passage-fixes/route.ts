import { getDatabase } from '@/db/client';
import { createFix, listFixes } from '@/db/queries/passage-fixes';
import { BadRequestError } from '@/lib/api/errors';
import { auditActor, requireActor } from '@/lib/auth/request';
import { createFixSchema, FIX_STATUSES } from '@/lib/planning/fixes';
import { parseBody, planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/passage-fixes?status=plan,in_progress&scenario=<id> — saved fixes, newest first. */
export async function GET(request: Request) {
  try {
    await requireActor(request, 'passages:plan');
    const params = new URL(request.url).searchParams;
    const statuses = params
      .getAll('status')
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = statuses.find((s) => !(FIX_STATUSES as readonly string[]).includes(s));
    if (unknown) throw new BadRequestError(`unknown status "${unknown.slice(0, 40)}"; allowed: ${FIX_STATUSES.join(', ')}`);
    const scenario = params.get('scenario');
    if (scenario !== null && !/^\d{1,9}$/.test(scenario)) throw new BadRequestError('scenario must be a scenario id');
    const { db } = await getDatabase();
    const fixes = await listFixes(db, { statuses, scenarioId: scenario === null ? undefined : Number(scenario) });
    return Response.json({ fixes });
  } catch (error) {
    return planningErrorResponse(error);
  }
}

/**
 * POST /api/v1/passage-fixes — { fix: { kind, … }, responsible, deadline, note, scenario_id? } → 201 with the
 * saved fix (status plan, version 1). New links are checked by PostGIS and joined to passage ends.
 */
export async function POST(request: Request) {
  try {
    const actor = await requireActor(request, 'passages:plan');
    const input = await parseBody(request, createFixSchema);
    const { db } = await getDatabase();
    const fix = await createFix(db, input, auditActor(actor));
    return Response.json({ fix }, { status: 201 });
  } catch (error) {
    return planningErrorResponse(error);
  }
}
