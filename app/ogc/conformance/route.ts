import { route } from '@/lib/api/route';
import { CONFORMANCE } from '@/lib/ogc/documents';
import { ogcJson } from '@/lib/ogc/features';

export const dynamic = 'force-dynamic';

/** GET /ogc/conformance — the conformance classes the API implements. */
export const GET = route({ permission: 'public' }, async () => ogcJson({ conformsTo: CONFORMANCE }));
