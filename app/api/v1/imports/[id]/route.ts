import { z } from 'zod';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { describeBatch } from '@/lib/import/base/commit';

export const dynamic = 'force-dynamic';

/** GET /api/v1/imports/{id} — a batch with its report and its staged features (GeoJSON, each with its match). */
export const GET = route({ permission: 'data:import', params: z.object({ id: pathId('import id') }) }, async ({ db, params }) =>
  Response.json(await describeBatch(db, params.id, true)),
);
