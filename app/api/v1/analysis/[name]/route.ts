import { getDatabase } from '@/db/client';
import { runAnalysis } from '@/db/queries/analysis';
import { villageCodes } from '@/db/queries/villages';
import { parseAnalysisName, parseAnalysisOptions } from '@/lib/analysis/params';
import { errorResponse } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/analysis/{name}?village=…&ruleset=GB50039|GB50016&month=1-12&target_min=…&hose_m=…
 * — findings as a GeoJSON FeatureCollection with `summary` (counts per village) and the `rules` used.
 */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  try {
    const actor = await requireActor(request, 'data:read');
    const name = parseAnalysisName((await params).name);
    const search = new URL(request.url).searchParams;
    const { db } = await getDatabase();
    const requested = parseAnalysisOptions(search, await villageCodes(db));
    const options = { ...requested, villages: scopedVillages(actor, requested.villages) };
    const result = await runAnalysis(db, name, options);
    return new Response(JSON.stringify(result), { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
  } catch (error) {
    return errorResponse(error);
  }
}
