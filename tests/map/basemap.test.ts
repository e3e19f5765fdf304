import { describe, expect, it } from 'vitest';
import { basemapFromEnvironment } from '../../lib/map/basemap';

describe('basemap configuration', () => {
  it('is offline with nothing configured', () => {
    expect(basemapFromEnvironment({} as NodeJS.ProcessEnv)).toEqual({ kind: 'offline' });
  });

  it('uses Tianditu with its key and attribution when TIANDITU_KEY is set', () => {
    const basemap = basemapFromEnvironment({ TIANDITU_KEY: 'abc&1' } as unknown as NodeJS.ProcessEnv);
    expect(basemap.kind).toBe('raster');
    if (basemap.kind !== 'raster') return;
    expect(basemap.tiles).toHaveLength(8);
    expect(basemap.tiles[3]).toMatch(/^https:\/\/t3\.tianditu\.gov\.cn\/vec_w\/wmts\?.*LAYER=vec.*&tk=abc%261$/);
    expect(basemap.overlayTiles![0]).toContain('LAYER=cva');
    expect(basemap.attribution).toContain('天地图');
  });

  it('uses an OSM-style raster URL with its attribution', () => {
    const basemap = basemapFromEnvironment({
      BASEMAP_RASTER_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
    } as unknown as NodeJS.ProcessEnv);
    expect(basemap).toEqual({
      kind: 'raster',
      name: 'Raster basemap',
      tiles: ['https://tiles.example.org/{z}/{x}/{y}.png'],
      attribution: 'https://tiles.example.org',
    });
  });
});
