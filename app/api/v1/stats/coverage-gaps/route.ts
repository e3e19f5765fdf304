import { geoJsonResponse } from '@/lib/api/responses';
import { route } from '@/lib/api/route';
import { coverageFigures } from '@/lib/screen/coverage';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/stats/coverage-gaps[?village=<code>] — the response-time gap areas (buildings the brigade cannot
 * reach within the target time) as GeoJSON, from the same cached run as the screen's coverage figures.
 */
export const GET = route({ permission: 'screen:view', villages: 'one' }, async ({ db, villages }) => {
  const coverage = await coverageFigures(db, { villages, today: chinaToday() });
  return geoJsonResponse({ type: 'FeatureCollection', features: coverage.gaps });
});
