import { z } from 'zod';
import { listVillages } from '@/db/queries/villages';
import { tileLayerParam } from '@/lib/api/params';
import { publicOrigin } from '@/lib/api/public-origin';
import { route } from '@/lib/api/route';
import { inScope } from '@/lib/auth/scope';
import { unionBbox } from '@/lib/geo';
import { buildingTileJson } from '@/lib/map/desktop-gis';

export const dynamic = 'force-dynamic';

/** GET /api/v1/tiles/buildings — TileJSON of the building tiles over the user's villages (QGIS, GDAL, MapLibre). */
export const GET = route({ permission: 'data:read', params: z.object({ layer: tileLayerParam }) }, async ({ db, request, actor }) => {
  const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
  const bounds = unionBbox(villages.map((village) => village.bbox));
  return Response.json(buildingTileJson(publicOrigin(request.headers, request.url), bounds));
});
