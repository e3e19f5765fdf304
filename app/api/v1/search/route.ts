import { getDatabase } from '@/db/client';
import { searchFeatures } from '@/db/queries/search';
import { villageCodes } from '@/db/queries/villages';
import { BadRequestError, errorResponse } from '@/lib/api/errors';
import { parseVillages } from '@/lib/api/params';
import { requireActor } from '@/lib/auth/request';
import { scopedVillages } from '@/lib/auth/scope';

export const dynamic = 'force-dynamic';

/** GET /api/v1/search?q=text&village=… — villages, buildings, units, stations, water sources by name or person. */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(request, 'data:read');
    const search = new URL(request.url).searchParams;
    const text = (search.get('q') ?? '').trim();
    if (text.length === 0) throw new BadRequestError('q (the text to search for) is required');
    if (text.length > 50) throw new BadRequestError('q must be at most 50 characters');
    const { db } = await getDatabase();
    const villages = scopedVillages(actor, parseVillages(search, await villageCodes(db)));
    return Response.json({ hits: await searchFeatures(db, text, villages) });
  } catch (error) {
    return errorResponse(error);
  }
}
