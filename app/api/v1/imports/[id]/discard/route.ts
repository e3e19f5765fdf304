import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { discardImport } from '@/lib/import/base/commit';

export const dynamic = 'force-dynamic';

/** POST /api/v1/imports/{id}/discard — drops a preview the user decided against; 409 unless it is a preview. */
export const POST = route({ permission: 'data:import', params: z.object({ id: pathId('import id') }) }, async ({ db, params }) =>
  Response.json(await discardImport(db, params.id)),
);
