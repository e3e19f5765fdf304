import { getDatabase } from '@/db/client';
import { hasDemoData, postgisVersion, tableCounts } from '@/db/queries/health';

export const dynamic = 'force-dynamic';

/** Which engine serves the data, its PostGIS version and the row count of every table. */
export async function GET() {
  try {
    const { engine, db } = await getDatabase();
    const [postgis, counts, demoData] = await Promise.all([postgisVersion(db), tableCounts(db), hasDemoData(db)]);
    return Response.json({ engine, postgis, demo_data: demoData, counts });
  } catch (error) {
    return Response.json({ error: (error as Error).message }, { status: 503 });
  }
}
