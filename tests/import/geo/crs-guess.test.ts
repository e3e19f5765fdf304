import path from 'node:path';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { guessCrs, offsetToWgs84, readGeoFile } from '../../../lib/import/geo';
import { gaussKrugerToLonLat } from '../../../lib/import/geo/gauss-kruger';
import { gdalTransform, ogr2ogr, TOWN_POINTS, workFolder, writeTownGeoJson, zipFiles } from './gdal-fixtures';

/** The town's points as a Shapefile in a system, without its .prj: only the numbers are left to guess from. */
async function undeclared(epsg: number) {
  const folder = workFolder('crs-guess');
  ogr2ogr([
    '-f',
    'ESRI Shapefile',
    '-s_srs',
    'EPSG:4326',
    '-t_srs',
    `EPSG:${epsg}`,
    path.join(folder, 'layer.shp'),
    writeTownGeoJson(folder),
  ]);
  const contents = await readGeoFile({ name: 'a.zip', bytes: zipFiles(folder, ['layer.shp', 'layer.dbf']) });
  expect(contents.declaredCrs).toBeNull();
  return contents;
}

describe('guessCrs', () => {
  it('takes the declaration first', async () => {
    const folder = workFolder('crs-guess');
    ogr2ogr([
      '-f',
      'ESRI Shapefile',
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      'EPSG:4547',
      path.join(folder, 'layer.shp'),
      writeTownGeoJson(folder),
    ]);
    const contents = await readGeoFile({ name: 'a.zip', bytes: zipFiles(folder, ['layer.shp', 'layer.dbf', 'layer.prj']) });
    expect(guessCrs(contents)).toMatchObject({ crs: 'EPSG:4547', swappedAxes: false });
  });

  it.each([
    [4326, 'EPSG:4326'],
    [4525, 'EPSG:4525'],
    [4526, 'EPSG:4526'],
    [4546, 'EPSG:4546'],
    [4547, 'EPSG:4547'],
  ])('tells EPSG:%i from the coordinates alone', async (epsg, expected) => {
    const guess = guessCrs(await undeclared(epsg));
    expect(guess.crs).toBe(expected);
    expect(guess.swappedAxes).toBe(false);
    if (epsg === 4326) expect(guess.alternatives).toEqual(expect.arrayContaining(['GCJ-02', 'BD-09']));
  });

  it('notices latitude-first coordinates and says so', async () => {
    const csv = `名称,X,Y\n${TOWN_POINTS.map((point) => `${point.名称},${point.lat},${point.lon}`).join('\n')}\n`;
    const guess = guessCrs(await readGeoFile({ name: 'a.csv', bytes: new TextEncoder().encode(csv) }));
    expect(guess).toMatchObject({ crs: 'EPSG:4326', swappedAxes: true });
    expect(guess.reason).toContain('wrong way round');
  });

  it('gives up on coordinates that fit nothing', async () => {
    const guess = guessCrs(await readGeoFile({ name: 'a.csv', bytes: new TextEncoder().encode('X,Y\n12,13\n') }));
    expect(guess.crs).toBeNull();
  });
});

describe('gaussKrugerToLonLat', () => {
  it('agrees with GDAL to 1e-8° in both zones', () => {
    for (const [epsg, meridian] of [
      [4546, 111],
      [4547, 114],
    ] as const) {
      const metres = gdalTransform(
        'EPSG:4490',
        `EPSG:${epsg}`,
        TOWN_POINTS.map((point) => [point.lon, point.lat]),
      );
      metres.forEach(([x, y], position) => {
        const [lon, lat] = gaussKrugerToLonLat(x, y, meridian);
        expect(lon).toBeCloseTo(TOWN_POINTS[position]?.lon ?? Number.NaN, 8);
        expect(lat).toBeCloseTo(TOWN_POINTS[position]?.lat ?? Number.NaN, 8);
      });
    }
  });
});

describe('offsetToWgs84', () => {
  it('undoes the GCJ-02 and BD-09 shifts of a line', () => {
    const wgs84 = TOWN_POINTS.map((point) => [point.lon, point.lat]);
    for (const [name, system] of [
      ['GCJ-02', gcoord.GCJ02],
      ['BD-09', gcoord.BD09],
    ] as const) {
      const shifted = wgs84.map((position) => gcoord.transform(position as [number, number], gcoord.WGS84, system));
      // The shift near the town is hundreds of metres: the test would notice a conversion that did nothing.
      expect(Math.abs((shifted[0]?.[0] ?? 0) - (wgs84[0]?.[0] ?? 0))).toBeGreaterThan(0.001);
      const back = offsetToWgs84({ type: 'LineString', coordinates: shifted }, name);
      back.coordinates.forEach((position, index) => {
        expect(position[0]).toBeCloseTo(wgs84[index]?.[0] ?? Number.NaN, 5);
        expect(position[1]).toBeCloseTo(wgs84[index]?.[1] ?? Number.NaN, 5);
      });
    }
  });
});
