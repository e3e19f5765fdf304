import { describe, expect, it } from 'vitest';
import { parseBbox, parseLayer, parseTileAddress, parseTileLayer, parseVillages } from '../../lib/api/params';

describe('API parameter parsing', () => {
  it('reads a bbox and refuses malformed, inverted or projected ones', () => {
    expect(parseBbox('112.0,37.3,112.2,37.4')).toEqual([112.0, 37.3, 112.2, 37.4]);
    expect(parseBbox(null)).toBeUndefined();
    expect(() => parseBbox('112,37,113')).toThrow(/four numbers/);
    expect(() => parseBbox('a,b,c,d')).toThrow(/four numbers/);
    expect(() => parseBbox('112.2,37.3,112.0,37.4')).toThrow(/west < east/);
    expect(() => parseBbox('597437,4138141,597537,4138241')).toThrow(/degrees/);
  });

  it('reads z/x/y tiles and refuses out-of-range ones', () => {
    expect(parseTileAddress('14', '13293', '6340.mvt')).toEqual({ z: 14, x: 13293, y: 6340 });
    expect(() => parseTileAddress('23', '0', '0.mvt')).toThrow(/z must be between 0 and 22/);
    expect(() => parseTileAddress('2', '4', '0.mvt')).toThrow(/below 4 at z=2/);
    expect(() => parseTileAddress('2', '-1', '0.mvt')).toThrow(/whole numbers/);
    expect(() => parseTileAddress('2', '1', 'x.mvt')).toThrow(/whole numbers/);
  });

  it('knows the layer names and which are tiled', () => {
    expect(parseLayer('water-sources')).toBe('water-sources');
    expect(() => parseLayer('<script>')).toThrow(/unknown layer "<script>"/);
    expect(parseTileLayer('buildings')).toBe('buildings');
    expect(() => parseTileLayer('stations')).toThrow(/not served as tiles/);
  });

  it('accepts only known village codes, repeated or comma-separated', () => {
    const known = new Set(['141121104201', '141121104202']);
    const params = new URLSearchParams('village=141121104201&village=141121104202,141121104201');
    expect(parseVillages(params, known)).toEqual(['141121104201', '141121104202']);
    expect(() => parseVillages(new URLSearchParams('village=999'), known)).toThrow(/unknown village code "999"/);
  });
});
