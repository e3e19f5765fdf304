import { describe, expect, it } from 'vitest';
import { bboxAround, circlePolygon, geometryBbox, unionBbox } from '../../lib/geo';

/** Great-circle distance on a sphere of the WGS 84 mean radius: a second method, independent of turf. */
function haversineM([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

describe('lib/geo', () => {
  it('unions boxes', () => {
    expect(
      unionBbox([
        [112, 37.4, 112.1, 37.5],
        [111.9, 37.45, 112.05, 37.6],
      ]),
    ).toEqual([111.9, 37.4, 112.1, 37.6]);
  });

  it('boxes a geometry', () => {
    expect(
      geometryBbox({
        type: 'LineString',
        coordinates: [
          [112.1, 37.5],
          [112.0, 37.6],
          [112.2, 37.55],
        ],
      }),
    ).toEqual([112.0, 37.5, 112.2, 37.6]);
  });

  it('draws a circle whose every vertex is the radius away from the centre', () => {
    const centre: [number, number] = [112.05, 37.46];
    const ring = circlePolygon(centre[0], centre[1], 250).coordinates[0] as [number, number][];
    expect(ring.length).toBe(65);
    for (const vertex of ring) expect(Math.abs(haversineM(centre, vertex) - 250)).toBeLessThan(0.5);
  });

  it('reaches as far as 300 m on the ellipsoid, where PostGIS measures', () => {
    // WGS 84 meridian and prime-vertical radii of curvature at 37.46° N, for a degree of latitude and of longitude.
    const a = 6378137;
    const e2 = 0.00669437999014;
    const phi = (37.46 * Math.PI) / 180;
    const w = 1 - e2 * Math.sin(phi) ** 2;
    const metresPerDegreeLat = ((a * (1 - e2)) / w ** 1.5) * (Math.PI / 180);
    const metresPerDegreeLon = (a / Math.sqrt(w)) * Math.cos(phi) * (Math.PI / 180);
    const [west, south, east, north] = bboxAround(112.05, 37.46, 300);
    expect(north - 37.46).toBeGreaterThan(300 / metresPerDegreeLat);
    expect(37.46 - south).toBeGreaterThan(300 / metresPerDegreeLat);
    expect(east - 112.05).toBeGreaterThan(300 / metresPerDegreeLon);
    expect(112.05 - west).toBeGreaterThan(300 / metresPerDegreeLon);
  });

  it('puts every point of the circle inside the box around the point', () => {
    const [west, south, east, north] = bboxAround(112.05, 37.46, 300);
    expect(haversineM([112.05, 37.46], [112.05, north])).toBeCloseTo(303, 0);
    expect(haversineM([112.05, 37.46], [east, 37.46])).toBeCloseTo(303, 0);
    for (const [lon, lat] of circlePolygon(112.05, 37.46, 300).coordinates[0] as [number, number][]) {
      expect(lon).toBeGreaterThanOrEqual(west - 1e-9);
      expect(lon).toBeLessThanOrEqual(east + 1e-9);
      expect(lat).toBeGreaterThanOrEqual(south - 1e-9);
      expect(lat).toBeLessThanOrEqual(north + 1e-9);
    }
  });
});
