import { listVillages } from '@/db/queries/villages';
import { route } from '@/lib/api/route';
import { inScope } from '@/lib/auth/scope';

export const dynamic = 'force-dynamic';

/** GET /api/v1/villages — code, name and extent of every village the user may see. */
export const GET = route({ permission: 'data:read' }, async ({ db, actor }) =>
  Response.json({ villages: (await listVillages(db)).filter((village) => inScope(actor, village.code)) }),
);
