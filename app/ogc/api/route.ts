import { route } from '@/lib/api/route';
import { OGC_COLLECTIONS } from '@/lib/ogc/collections';
import { OPENAPI_TYPE, openApiDocument } from '@/lib/ogc/documents';
import { ogcBase, ogcJson } from '@/lib/ogc/features';

export const dynamic = 'force-dynamic';

/** GET /ogc/api — the OpenAPI 3.0 description (the landing page's service-desc). */
export const GET = route({ permission: 'public' }, async ({ request }) =>
  ogcJson(openApiDocument(ogcBase(request), OGC_COLLECTIONS), OPENAPI_TYPE),
);
