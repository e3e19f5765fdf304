import { getDatabase } from '@/db/client';
import { hasDemoData, postgisVersion, tableCounts } from '@/db/queries/health';
import { actorFromRequest } from '@/lib/auth/request';

export const dynamic = 'force-dynamic';

/**
 * Which engine serves the data, its PostGIS version and whether the demo data is loaded; for a signed-in
 * town-wide user also the row count of every table (a village-scoped user must not learn town totals).
 */
export async function GET(request: Request) {
  try {
    const { engine, db } = await getDatabase();
    const [postgis, demoData, actor] = await Promise.all([postgisVersion(db), hasDemoData(db), actorFromRequest(request)]);
    const counts = actor && actor.villages === null ? await tableCounts(db) : undefined;
    return Response.json({ engine, postgis, demo_data: demoData, ...(counts ? { counts } : {}) });
  } catch (error) {
    return Response.json({ error: (error as Error).message }, { status: 503 });
  }
}
