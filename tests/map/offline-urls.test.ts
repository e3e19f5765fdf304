import { describe, expect, it } from 'vitest';
import { tilesCovering } from '../../lib/map/building-tiles';
import { offlineMapUrls } from '../../lib/map/offline-urls';

// Expected tiles computed by hand in Web Mercator metres: x = ⌊(R·λ + πR) / s⌋, y = ⌊(πR − R·ln tan(π/4 + φ/2)) / s⌋,
// s = 2πR / 2^z, R = 6378137 m.
describe('the map data kept for use without a signal', () => {
  it('covers a box with the XYZ tiles of each zoom', () => {
    expect(tilesCovering([112.1, 37.37, 112.1, 37.37], 16)).toEqual([{ x: 53175, y: 25424 }]);
    expect(tilesCovering([112.1, 37.37, 112.1, 37.37], 12)).toEqual([{ x: 3323, y: 1589 }]);
    const box = tilesCovering([112.0856, 37.3511, 112.1203, 37.3905], 16);
    expect(box).toHaveLength((53178 - 53172 + 1) * (25428 - 25419 + 1));
    expect(box[0]).toEqual({ x: 53172, y: 25419 });
    expect(box.at(-1)).toEqual({ x: 53178, y: 25428 });
    expect(tilesCovering([-180, -85.0511, 180, 85.0511], 1)).toHaveLength(4);
  });

  it('lists every GeoJSON layer once and each building tile of zooms 12–16 once, overlapping villages too', () => {
    const village: [number, number, number, number] = [112.1, 37.37, 112.1, 37.37];
    const urls = offlineMapUrls([village, village]);
    expect(urls).toContain('/api/v1/layers/villages');
    expect(urls).toContain('/api/v1/layers/hazards');
    expect(urls).toContain('/api/v1/tiles/buildings/16/53175/25424.mvt');
    expect(urls).toContain('/api/v1/tiles/buildings/12/3323/1589.mvt');
    expect(urls.filter((url) => url.includes('/tiles/'))).toHaveLength(5);
    expect(new Set(urls).size).toBe(urls.length);
  });
});
