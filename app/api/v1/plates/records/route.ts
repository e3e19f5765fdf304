import { plateRecords } from '@/db/queries/plates';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/plates/records — every house plate's record (一户一码: buildings and social units) in the user's
 * villages, each with its open hazards: what a scanned plate opens, kept on the phone for use without a signal.
 */
export const GET = route({ permission: 'data:read' }, async ({ db, villages }) => {
  const records = await plateRecords(db, villages.length === 0 ? null : villages);
  return Response.json({ records });
});
