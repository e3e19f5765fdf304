import { hasDemoData } from '@/db/queries/health';
import { route } from '@/lib/api/route';
import { screenStats } from '@/lib/screen/screen-stats';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

/** GET /api/v1/stats/screen[?village=<code>] — every figure of the wall screen for the town or one village. */
export const GET = route({ permission: 'screen:view', villages: 'one' }, async ({ db, villages }) => {
  const stats = await screenStats(db, { villages, today: chinaToday() });
  return Response.json({ ...stats, demo_data: await hasDemoData(db), generated_at: new Date().toISOString() });
});
