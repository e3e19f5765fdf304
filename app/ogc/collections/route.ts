import { route } from '@/lib/api/route';
import { collectionsDocument, ogcBase, ogcJson } from '@/lib/ogc/features';

export const dynamic = 'force-dynamic';

/** GET /ogc/collections — one collection per map layer, with its extent within the user's villages. */
export const GET = route({ permission: 'data:read', villages: 'list' }, async ({ db, request, villages }) =>
  ogcJson(await collectionsDocument(db, ogcBase(request), villages)),
);
