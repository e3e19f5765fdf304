import { hasDemoData, postgisVersion, tableCounts } from '@/db/queries/health';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/**
 * Which engine serves the data, its PostGIS version and whether the demo data is loaded; for a signed-in
 * town-wide user also the row count of every table (a village-scoped user must not learn town totals).
 * A database that cannot be opened answers 503 with the reason.
 */
export const GET = route({ permission: 'public' }, async ({ handle, db, actor }) => {
  const [postgis, demoData] = await Promise.all([postgisVersion(db), hasDemoData(db)]);
  const counts = actor && actor.villages === null ? await tableCounts(db) : undefined;
  return Response.json({ engine: handle.engine, postgis, demo_data: demoData, ...(counts ? { counts } : {}) });
});
