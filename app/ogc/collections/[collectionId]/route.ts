import { z } from 'zod';
import { route } from '@/lib/api/route';
import { collectionDescription, collectionOrNotFound, ogcBase, ogcJson } from '@/lib/ogc/features';

export const dynamic = 'force-dynamic';

/** GET /ogc/collections/{collectionId} — one collection: title, extent, CRS list, links. */
export const GET = route(
  { permission: 'data:read', params: z.object({ collectionId: z.string() }), villages: 'list' },
  async ({ db, request, params, villages }) =>
    ogcJson(await collectionDescription(db, ogcBase(request), collectionOrNotFound(params.collectionId), villages)),
);
