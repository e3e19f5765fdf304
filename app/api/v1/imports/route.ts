import { z } from 'zod';
import { listBatches } from '@/db/queries/import-batches';
import { queryWholeNumber } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { formFile } from '@/lib/api/upload';
import { MAX_BASE_IMPORT_BYTES, parseImportForm } from '@/lib/import/base/form';
import { previewImport } from '@/lib/import/base/preview';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/imports (multipart: file, layer, crs?, encoding?, mapping? JSON column → file field, values? JSON
 * column → file value → code, key?) — reads a base-layer file and stages it as a preview batch: 201 with the
 * mapping, the coordinate system (guessed when not given: then the commit must confirm it), unmatched values, the
 * diff summary and the report.
 */
export const POST = route({ permission: 'data:import', upload: { limitBytes: MAX_BASE_IMPORT_BYTES } }, async ({ db, form, actor }) => {
  const fields = parseImportForm(form);
  const file = await formFile(form);
  const answer = await previewImport(db, { ...fields, file, createdBy: actor.userId });
  return Response.json(answer, { status: 201 });
});

/** GET /api/v1/imports?limit= — the import history, newest first. */
export const GET = route(
  { permission: 'data:import', query: z.object({ limit: queryWholeNumber('limit', 1, 500) }) },
  async ({ db, query }) => {
    const batches = await listBatches(db, query.limit ?? 100);
    return Response.json({ batches: batches.map(({ report: _report, ...batch }) => batch) });
  },
);
