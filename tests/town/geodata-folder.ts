import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GEODATA_FILES } from '../../db/seed/geodata-files';
import type { TestTown, TownRecord } from './town';

/** Geodata file contents by file name, loose enough for a test to plant bad data in them. */
export type GeodataFiles = Record<string, any>;

function lonLatGeometry({ geometry }: TownRecord): GeoJSON.Geometry | null {
  if (geometry && geometry.srid !== 4326) throw new Error('geodata files hold lon/lat: describe this town in LON_LAT, or insert it');
  return geometry?.geometry ?? null;
}

/** The town as the product's geodata files: feature collections, and JSON arrays for records without geometry. */
export function geodataFiles(town: TestTown): GeodataFiles {
  return Object.fromEntries(
    GEODATA_FILES.map(({ file, table, geometry }) => {
      const records = town.records[table];
      if (!geometry) return [file, records.map((record) => record.properties)];
      const features = records.map((record) => ({ type: 'Feature', geometry: lonLatGeometry(record), properties: record.properties }));
      return [file, { type: 'FeatureCollection', features }];
    }),
  );
}

/** Writes geodata files to a new temporary folder, for `seedIfEmpty`; returns the folder. */
export function writeGeodataFolder(files: GeodataFiles): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-town-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
  }
  return dir;
}
