import { route } from '@/lib/api/route';
import { landingPage } from '@/lib/ogc/documents';
import { ogcBase, ogcJson } from '@/lib/ogc/features';

export const dynamic = 'force-dynamic';

/** GET /ogc — the OGC API – Features landing page (links to the API description, conformance, collections). */
export const GET = route({ permission: 'public' }, async ({ request }) => ogcJson(landingPage(ogcBase(request))));
