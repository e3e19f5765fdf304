import { z } from 'zod';
import { layerCounts } from '@/db/queries/layers';
import { bboxParam } from '@/lib/api/params';
import { queryList } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { layerContext } from '@/lib/layers/layer-context';
import { LAYER_NAMES } from '@/lib/map/layer-names';

export const dynamic = 'force-dynamic';

const countsQuery = z.object({ bbox: bboxParam, layer: queryList('layer', LAYER_NAMES) });

/** GET /api/v1/counts?bbox=…&village=…&layer=… — features per layer in the view (all layers by default). */
export const GET = route({ permission: 'data:read', query: countsQuery, villages: 'list' }, async ({ db, query, villages }) => {
  const layers = query.layer.length > 0 ? query.layer : [...LAYER_NAMES];
  return Response.json({ counts: await layerCounts(db, layers, { bbox: query.bbox, villages }, await layerContext(db)) });
});
