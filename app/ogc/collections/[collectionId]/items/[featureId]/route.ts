import { z } from 'zod';
import { route } from '@/lib/api/route';
import { collectionOrNotFound, itemResponse } from '@/lib/ogc/features';

export const dynamic = 'force-dynamic';

/** GET /ogc/collections/{collectionId}/items/{featureId}?crs — one feature; 404 outside the user's villages. */
export const GET = route(
  { permission: 'data:read', params: z.object({ collectionId: z.string(), featureId: z.string() }) },
  async ({ db, request, params, villages }) => {
    const collection = collectionOrNotFound(params.collectionId);
    return itemResponse(db, request, collection, villages, params.featureId);
  },
);
