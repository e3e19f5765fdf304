import { z } from 'zod';
import { route } from '@/lib/api/route';
import { collectionOrNotFound, itemsResponse } from '@/lib/ogc/features';
import { parseItemsQuery } from '@/lib/ogc/items-query';

export const dynamic = 'force-dynamic';

/**
 * GET /ogc/collections/{collectionId}/items?limit&after&bbox&bbox-crs&crs&datetime&properties&filter&village —
 * a page of features in id order, within the user's villages.
 */
export const GET = route(
  { permission: 'data:read', params: z.object({ collectionId: z.string() }), villages: 'list' },
  async ({ db, request, params, villages }) => {
    const collection = collectionOrNotFound(params.collectionId);
    const query = parseItemsQuery(new URL(request.url).searchParams, collection);
    return itemsResponse(db, request, collection, villages, query);
  },
);
