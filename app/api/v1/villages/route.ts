import { getDatabase } from '@/db/client';
import { listVillages } from '@/db/queries/villages';
import { errorResponse } from '@/lib/api/errors';

export const dynamic = 'force-dynamic';

/** GET /api/v1/villages — code, name and extent of every village. */
export async function GET() {
  try {
    const { db } = await getDatabase();
    return Response.json({ villages: await listVillages(db) });
  } catch (error) {
    return errorResponse(error);
  }
}
