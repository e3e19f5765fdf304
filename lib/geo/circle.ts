import { destination, circle as turfCircle } from '@turf/turf';
import type { Bbox } from './bbox';

/** A circle of `radiusM` metres around a point, as a geodesic polygon. */
export function circlePolygon(lon: number, lat: number, radiusM: number, steps = 64): GeoJSON.Polygon {
  return turfCircle([lon, lat], radiusM, { steps, units: 'meters' }).geometry;
}

/**
 * The box around a point that holds every point within `radiusM` metres (for an index prefilter). turf measures on
 * a sphere, PostGIS's geography on the ellipsoid; they differ by under 0.5 %, so the box reaches 1 % further.
 */
export function bboxAround(lon: number, lat: number, radiusM: number): Bbox {
  const reach = radiusM * 1.01;
  const at = (bearing: number) => destination([lon, lat], reach, bearing, { units: 'meters' }).geometry.coordinates;
  const north = at(0)[1] as number;
  const east = at(90)[0] as number;
  const south = at(180)[1] as number;
  const west = at(-90)[0] as number;
  return [west, south, east, north];
}
