import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { declaredCrsFromPrj } from '../../../lib/import/geo/read-prj';

const gdalWkt = (format: 'wkt1' | 'wkt_esri' | 'wkt2', epsg: number) =>
  execFileSync('gdalsrsinfo', ['--single-line', '-o', format, `EPSG:${epsg}`])
    .toString()
    .trim();

describe('declaredCrsFromPrj', () => {
  it.each([4326, 4490, 4525, 4526, 4546, 4547])('recognises EPSG:%i in GDAL’s WKT1, Esri WKT and WKT2', (epsg) => {
    for (const format of ['wkt1', 'wkt_esri', 'wkt2'] as const) {
      const wkt = gdalWkt(format, epsg);
      expect(declaredCrsFromPrj(wkt)).toEqual({ epsg, text: wkt });
    }
  });

  it('takes the authority of the whole system, not of its datum', () => {
    // Beijing 1954 GK zone 19 (EPSG:2401 is a 3° zone; 21413 is the 6° zone 13): not one the town uses.
    expect(declaredCrsFromPrj(gdalWkt('wkt1', 21413)).epsg).toBe(21413);
  });

  it('leaves a system it does not know without a code, keeping the text', () => {
    const xian = gdalWkt('wkt_esri', 2362);
    expect(declaredCrsFromPrj(xian)).toEqual({ epsg: null, text: xian });
    expect(declaredCrsFromPrj('nonsense').epsg).toBeNull();
  });
});
