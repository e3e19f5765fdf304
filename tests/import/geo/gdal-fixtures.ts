import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder for one test's files. */
export function workFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** Three points near the town with Chinese names, as WGS 84 GeoJSON — the values every reader test checks against. */
export const TOWN_POINTS = [
  { 名称: '刘胡兰村消防站', 编号: 1, lon: 112.0012, lat: 37.4021 },
  { 名称: '大辛村水池', 编号: 2, lon: 112.0203, lat: 37.3954 },
  { 名称: '保贤村祠堂', 编号: 3, lon: 111.9876, lat: 37.4105 },
];

export function writeTownGeoJson(folder: string): string {
  const file = path.join(folder, 'source.geojson');
  const features = TOWN_POINTS.map(({ lon, lat, ...properties }) => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Point', coordinates: [lon, lat] },
  }));
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

export function ogr2ogr(args: string[]): void {
  execFileSync('ogr2ogr', args, { stdio: 'pipe' });
}

/** Coordinates of points transformed by GDAL itself: the independent answer for projected fixtures. */
export function gdalTransform(from: string, to: string, points: [number, number][]): [number, number][] {
  const output = execFileSync('gdaltransform', ['-s_srs', from, '-t_srs', to, '-output_xy'], {
    input: points.map(([x, y]) => `${x} ${y}`).join('\n'),
  }).toString();
  return output
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
}

/** The files of a folder zipped with Info-ZIP (`zip -j`), read back as bytes. */
export function zipFiles(folder: string, names: string[], zipName = 'layer.zip'): Uint8Array {
  const target = path.join(folder, zipName);
  execFileSync('zip', ['-q', '-j', target, ...names.map((name) => path.join(folder, name))]);
  return new Uint8Array(fs.readFileSync(target));
}

/** The x, y of a point geometry as a reader returned it. */
export function pointXY(geometry: unknown): [number, number] {
  const { type, coordinates } = geometry as { type: string; coordinates: [number, number] };
  if (type !== 'Point') throw new Error(`expected a Point, got ${type}`);
  return [coordinates[0], coordinates[1]];
}

/** Where GDAL puts the town's points in a coordinate system. */
export function townPointsIn(epsg: number): [number, number][] {
  return gdalTransform(
    'EPSG:4326',
    `EPSG:${epsg}`,
    TOWN_POINTS.map((point) => [point.lon, point.lat]),
  );
}
