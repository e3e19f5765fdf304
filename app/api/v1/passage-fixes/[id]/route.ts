import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { auditActor } from '@/lib/auth/request';
import { updateFixSchema } from '@/lib/planning/fixes';
import { getFix, updateFix } from '@/lib/planning/passage-fixes';

export const dynamic = 'force-dynamic';

const fixParams = z.object({ id: pathId('passage fix id') });

/** GET /api/v1/passage-fixes/{id} — one saved fix. */
export const GET = route({ permission: 'passages:plan', params: fixParams }, async ({ db, params }) =>
  Response.json({ fix: await getFix(db, params.id) }),
);

/**
 * PATCH /api/v1/passage-fixes/{id} — { version, status?, responsible?, deadline?, note? }. Status moves forward
 * only; reaching `done` changes the passage data. A stale version or a backward step → 409 with `current`.
 */
export const PATCH = route(
  { permission: 'passages:plan', params: fixParams, body: updateFixSchema },
  async ({ db, params, body, actor, requestId }) =>
    Response.json({ fix: await updateFix(db, params.id, body, { actor: auditActor(actor), requestId }) }),
);
