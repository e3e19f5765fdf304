import { getDatabase } from '@/db/client';
import { suggestSites } from '@/db/queries/suggestions';
import { BadRequestError } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { planningErrorResponse } from '@/lib/planning/http';

export const dynamic = 'force-dynamic';

function numberParam(params: URLSearchParams, name: string, min: number, max: number, integer: boolean): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new BadRequestError(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
  return n;
}

/** GET /api/v1/suggestions/{water|station}?k=5[&month=1-12][&speed_kmh=…] — the k best new sites with each one's gain. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  try {
    await requireActor(request, 'passages:plan');
    const kind = (await params).kind;
    if (kind !== 'water' && kind !== 'station')
      throw new BadRequestError(`unknown suggestion kind "${kind.slice(0, 40)}"; use water or station`);
    const search = new URL(request.url).searchParams;
    const k = numberParam(search, 'k', 1, 20, true) ?? 5;
    const month = numberParam(search, 'month', 1, 12, true);
    const speedKmh = numberParam(search, 'speed_kmh', 1, 120, false);
    const { db } = await getDatabase();
    return Response.json(await suggestSites(db, kind, k, { month, speedKmh }));
  } catch (error) {
    return planningErrorResponse(error);
  }
}
