import { z } from 'zod';
import { parseAnalysisName, parseAnalysisSettings } from '@/lib/analysis/params';
import { runAnalysis } from '@/lib/analysis/run';
import { pathValue, queryWith } from '@/lib/api/query';
import { geoJsonResponse } from '@/lib/api/responses';
import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/analysis/{name}?village=…&ruleset=GB50039|GB50016&month=1-12&target_min=…&hose_m=…
 * — findings as a GeoJSON FeatureCollection with `summary` (counts per village) and the `rules` used.
 */
export const GET = route(
  {
    permission: 'data:read',
    params: z.object({ name: pathValue(parseAnalysisName) }),
    query: queryWith((params) => parseAnalysisSettings(params)),
    villages: 'list',
  },
  async ({ db, params, query, villages }) => geoJsonResponse(await runAnalysis(db, params.name, { ...query, villages })),
);
