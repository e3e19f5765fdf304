import { z } from 'zod';

/**
 * Structural checks for RFC 7946 geometries before they reach PostGIS. PostGIS then checks OGC
 * validity (self-intersections and the like); these catch what would otherwise be a confusing
 * parser error, and coordinates that are not lon/lat degrees in China (projected metres, swapped axes).
 */
const CHINA = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 };

const position = z
  .array(z.number().finite())
  .min(2)
  .max(3)
  .refine(([lon, lat]) => lon! >= CHINA.minLon && lon! <= CHINA.maxLon && lat! >= CHINA.minLat && lat! <= CHINA.maxLat, {
    message:
      'coordinate is not lon/lat degrees in China: is the file in EPSG:4326 (longitude first)? ' +
      'Projected metres (e.g. EPSG:4546) must be converted first',
  });

const ring = z
  .array(position)
  .min(4, 'a polygon ring needs at least 4 positions')
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], {
    message: 'polygon ring is not closed (first and last positions differ)',
  });

export const geometrySchemas = {
  Point: z.object({ type: z.literal('Point'), coordinates: position }),
  LineString: z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  Polygon: z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  MultiPolygon: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
} as const;

export type GeometryKind = keyof typeof geometrySchemas;

export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), geometry: z.unknown(), properties: z.unknown() })),
});
