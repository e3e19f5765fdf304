import { z } from 'zod';
import { layerExportFeatures } from '@/db/queries/layer-export';
import { baseLayerParam, bboxParam } from '@/lib/api/params';
import { queryChoice } from '@/lib/api/query';
import { route } from '@/lib/api/route';
import { DBF_ENCODINGS, exportDisposition, LAYER_EXPORT_FORMATS, LAYER_WRITERS, layerExport } from '@/lib/export/geo';
import { layerContext } from '@/lib/layers/layer-context';
import { chinaToday } from '@/lib/time';

export const dynamic = 'force-dynamic';

const exportQuery = z.object({
  format: queryChoice('format', LAYER_EXPORT_FORMATS).default('geojson'),
  encoding: queryChoice('encoding', DBF_ENCODINGS).default('utf-8'),
  bbox: bboxParam,
});

/**
 * GET /api/v1/layers/{layer}/export?format=geojson|gpkg|shp|kml|csv|xlsx&encoding=utf-8|gbk&bbox=…&village=… —
 * a base layer as a file GIS tools open, filtered like the map's layer (bbox, village scope).
 */
export const GET = route(
  { permission: 'data:read', params: z.object({ layer: baseLayerParam }), query: exportQuery, villages: 'list' },
  async ({ db, params, query, villages }) => {
    const now = new Date();
    const features = await layerExportFeatures(db, params.layer, { bbox: query.bbox, villages }, await layerContext(db));
    const layer = layerExport(params.layer, features);
    const writer = LAYER_WRITERS[query.format];
    const body = await writer.write(layer, { encoding: query.encoding, now });
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      headers: {
        'Content-Type': writer.contentType,
        'Content-Disposition': exportDisposition(layer, query.format, chinaToday(now)),
        'X-Total-Count': String(layer.features.length),
      },
    });
  },
);
