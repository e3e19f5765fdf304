import { z } from 'zod';
import { layerFeatureCollection } from '@/db/queries/layers';
import { bboxParam, layerParam } from '@/lib/api/params';
import { geoJsonResponse } from '@/lib/api/responses';
import { route } from '@/lib/api/route';
import { layerContext } from '@/lib/layers/layer-context';

export const dynamic = 'force-dynamic';

/** GET /api/v1/layers/{layer}?bbox=w,s,e,n&village=code — the layer as GeoJSON. */
export const GET = route(
  { permission: 'data:read', params: z.object({ layer: layerParam }), query: z.object({ bbox: bboxParam }), villages: 'list' },
  async ({ db, params, query, villages }) =>
    geoJsonResponse(await layerFeatureCollection(db, params.layer, { bbox: query.bbox, villages }, await layerContext(db))),
);
