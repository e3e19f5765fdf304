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

  it('puts every point of the circle inside the box around the point', () => {
    const [west, south, east, north] = bboxAround(112.05, 37.46, 300);
    expect(haversineM([112.05, 37.46], [112.05, north])).toBeCloseTo(300, 0);
    expect(haversineM([112.05, 37.46], [east, 37.46])).toBeCloseTo(300, 0);
    for (const [lon, lat] of circlePolygon(112.05, 37.46, 300).coordinates[0] as [number, number][]) {
      expect(lon).toBeGreaterThanOrEqual(west - 1e-9);
      expect(lon).toBeLessThanOrEqual(east + 1e-9);
      expect(lat).toBeGreaterThanOrEqual(south - 1e-9);
      expect(lat).toBeLessThanOrEqual(north + 1e-9);
    }
  });
});
