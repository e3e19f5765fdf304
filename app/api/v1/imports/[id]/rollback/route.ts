import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { rollbackImport } from '@/lib/import/base/commit';

export const dynamic = 'force-dynamic';

/** POST /api/v1/imports/{id}/rollback — undoes an applied batch; 409 once its features changed after it. */
export const POST = route(
  { permission: 'data:import', params: z.object({ id: pathId('import id') }) },
  async ({ db, params, actor, requestId }) => Response.json(await rollbackImport(db, params.id, { actor, requestId })),
);
