import { z } from 'zod';
import { route } from '@/lib/api/route';
import { queryablesDocument } from '@/lib/ogc/documents';
import { collectionOrNotFound, ogcBase, ogcJson } from '@/lib/ogc/features';

export const dynamic = 'force-dynamic';

/** GET /ogc/collections/{collectionId}/queryables — the properties a filter may name, as JSON Schema. */
export const GET = route({ permission: 'data:read', params: z.object({ collectionId: z.string() }) }, async ({ request, params }) =>
  ogcJson(queryablesDocument(ogcBase(request), collectionOrNotFound(params.collectionId)), 'application/schema+json'),
);
