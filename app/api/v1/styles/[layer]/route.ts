import { z } from 'zod';
import { tileLayerParam } from '@/lib/api/params';
import { publicOrigin } from '@/lib/api/public-origin';
import { queryChoice } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { buildingStyle } from '@/lib/map/desktop-gis';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/styles/buildings?color=fire_grade|use — a MapLibre style of the building tiles in the app's
 * colours, for a QGIS vector tile layer ("Style URL").
 */
export const GET = route(
  {
    permission: 'data:read',
    params: z.object({ layer: tileLayerParam }),
    query: z.object({ color: queryChoice('color', ['fire_grade', 'use']).default('fire_grade') }),
  },
  async ({ request, query }) => Response.json(buildingStyle(publicOrigin(request.headers, request.url), query.color)),
);
