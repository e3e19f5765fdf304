import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeoFileError, readGeoFile } from '../../../lib/import/geo';
import { ogr2ogr, TOWN_POINTS, workFolder, writeTownGeoJson } from './gdal-fixtures';

function townKml(): { folder: string; kml: string } {
  const folder = workFolder('kml');
  const kml = path.join(folder, 'town.kml');
  ogr2ogr(['-f', 'KML', kml, writeTownGeoJson(folder)]);
  return { folder, kml };
}

describe('readGeoFile: KML and KMZ', () => {
  it('reads placemarks with their SimpleData as attributes, declared WGS 84', async () => {
    const { kml } = townKml();
    const contents = await readGeoFile({ name: '设施.kml', bytes: new Uint8Array(fs.readFileSync(kml)) });
    expect(contents.format).toBe('kml');
    expect(contents.declaredCrs?.epsg).toBe(4326);
    expect(contents.fields).toEqual(['名称', '编号']);
    expect(contents.features.map((feature) => [feature.index, String(feature.properties.名称), Number(feature.properties.编号)])).toEqual(
      TOWN_POINTS.map((point, position) => [position + 1, point.名称, point.编号]),
    );
    expect(contents.features.map((feature) => feature.geometry)).toEqual(
      TOWN_POINTS.map((point) => ({ type: 'Point', coordinates: [point.lon, point.lat] })),
    );
  });

  it('reads the doc.kml of a .kmz', async () => {
    const { folder, kml } = townKml();
    fs.copyFileSync(kml, path.join(folder, 'doc.kml'));
    fs.writeFileSync(path.join(folder, 'other.kml'), '<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>');
    const kmz = path.join(folder, 'town.kmz');
    execFileSync('zip', ['-q', '-j', kmz, path.join(folder, 'other.kml'), path.join(folder, 'doc.kml')]);
    const contents = await readGeoFile({ name: 'town.KMZ', bytes: new Uint8Array(fs.readFileSync(kmz)) });
    expect(contents.features).toHaveLength(3);
    expect(contents.features[1]?.properties.名称).toBe('大辛村水池');
  });

  it('refuses broken XML and a .kmz without a .kml', async () => {
    const { folder } = townKml();
    const broken = await readGeoFile({ name: 'a.kml', bytes: new TextEncoder().encode('<kml><Placemark>') }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(GeoFileError);
    expect((broken as GeoFileError).code).toBe('damaged_file');
    const kmz = path.join(folder, 'empty.kmz');
    execFileSync('zip', ['-q', '-j', kmz, path.join(folder, 'source.geojson')]);
    const empty = await readGeoFile({ name: 'a.kmz', bytes: new Uint8Array(fs.readFileSync(kmz)) }).catch((e: unknown) => e);
    expect((empty as GeoFileError).code).toBe('damaged_file');
  });
});
