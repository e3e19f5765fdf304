import { z } from 'zod';
import { say } from '../i18n/say';

/**
 * The one set of RFC 7946 geometry schemas: the seed, the hazard list's drawn area (server and page alike)
 * and the planner's new links check geometry with these before it reaches PostGIS. PostGIS then checks OGC
 * validity (self-intersections and the like); these catch what would otherwise be a confusing parser error,
 * and coordinates that are not lon/lat degrees in China (projected metres, swapped axes).
 */

/** China's extent in degrees (73.5–135.1°E, 3.8–53.6°N, rounded outwards). */
export const CHINA_LON_RANGE = [73, 136] as const;
export const CHINA_LAT_RANGE = [3, 54] as const;

const inChina = (lon: number, lat: number) =>
  lon >= CHINA_LON_RANGE[0] && lon <= CHINA_LON_RANGE[1] && lat >= CHINA_LAT_RANGE[0] && lat <= CHINA_LAT_RANGE[1];

export const position = z
  .array(z.number().finite())
  .min(2)
  .max(3)
  .refine(([lon, lat]) => inChina(lon ?? NaN, lat ?? NaN), {
    error: () =>
      say(
        '坐标不是中国境内的经纬度（度）：文件是否为 EPSG:4326（经度在前）？投影坐标（米，如 EPSG:4546）须先转换',
        'coordinate is not lon/lat degrees in China: is the file in EPSG:4326 (longitude first)? ' +
          'Projected metres (e.g. EPSG:4546) must be converted first',
      ),
  });

const samePosition = (a: readonly number[] | undefined, b: readonly number[] | undefined) =>
  a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];

const ring = z
  .array(position)
  .min(4, { error: () => say('多边形的环至少需要 4 个坐标', 'a polygon ring needs at least 4 positions') })
  .refine((r) => samePosition(r[0], r[r.length - 1]), {
    error: () => say('多边形的环没有闭合（首尾坐标不同）', 'polygon ring is not closed (first and last positions differ)'),
  });

export const geometrySchemas = {
  Point: z.object({ type: z.literal('Point'), coordinates: position }),
  LineString: z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  Polygon: z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  MultiPolygon: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
} as const;

export type GeometryKind = keyof typeof geometrySchemas;

/** An area: a Polygon or MultiPolygon (e.g. drawn on the map to filter by). */
export const areaSchema = z.union([geometrySchemas.Polygon, geometrySchemas.MultiPolygon]);

export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), geometry: z.unknown(), properties: z.unknown() })),
});
