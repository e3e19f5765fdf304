import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { commitImport } from '@/lib/import/base/commit';
import { commitBodySchema } from '@/lib/import/base/form';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/imports/{id}/commit {retire_missing?, repair_invalid?, confirm_crs?} — applies a preview in one
 * transaction: 200 with the summary, 422 with the report while it has errors, 409 when features changed since.
 */
export const POST = route(
  { permission: 'data:import', params: z.object({ id: pathId('import id') }), body: commitBodySchema },
  async ({ db, params, body, actor, requestId }) => {
    const options = { retireMissing: body.retire_missing, repairInvalid: body.repair_invalid, confirmCrs: body.confirm_crs };
    return Response.json(await commitImport(db, params.id, options, { actor, requestId }));
  },
);
