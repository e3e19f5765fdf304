import type { Geometry } from 'geojson';
import { loadSqlJs } from '@/lib/import/geo/read-geopackage';
import type { AttributeType, AttributeValue, LayerExport } from './layer-export';
import { WGS84_OGC_WKT } from './wgs84';
import { extentOf, toWkb } from './wkb';

/** "GPKG" as the SQLite header's application id, and GeoPackage 1.3 (10300: GDAL 3.6 warns about later ones). */
const GPKG_APPLICATION_ID = 0x47504b47;
const GPKG_USER_VERSION = 10300;

const SQL_TYPES: Record<AttributeType, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  number: 'REAL',
  boolean: 'BOOLEAN',
  date: 'DATE',
};

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The GeoPackage geometry blob: "GP", version 0, flags (little-endian, xy envelope unless a point), srs id, WKB. */
export function gpkgGeometry(geometry: Geometry, srsId = 4326): Uint8Array {
  const wkb = toWkb(geometry);
  const envelope = geometry.type === 'Point' ? null : extentOf([geometry]);
  const header = new Uint8Array(8 + (envelope ? 32 : 0));
  const view = new DataView(header.buffer);
  header.set([0x47, 0x50, 0, envelope ? 0b011 : 0b001]);
  view.setInt32(4, srsId, true);
  if (envelope) {
    const [minX, minY, maxX, maxY] = envelope;
    [minX, maxX, minY, maxY].forEach((value, at) => view.setFloat64(8 + 8 * at, value, true));
  }
  const blob = new Uint8Array(header.length + wkb.length);
  blob.set(header);
  blob.set(wkb, header.length);
  return blob;
}

function sqlValue(value: AttributeValue): string | number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * A GeoPackage (OGC 12-128r19) with one feature table: the required metadata tables with the standard's three
 * coordinate systems, the layer's extent in gpkg_contents, columns under their full names and GeoPackage
 * geometry blobs. `now` is the last-change stamp, given so a test can compare files.
 */
export async function layerToGeoPackage(layer: LayerExport, now: Date = new Date()): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const database = new SQL.Database();
  try {
    database.run(`PRAGMA application_id = ${GPKG_APPLICATION_ID}; PRAGMA user_version = ${GPKG_USER_VERSION};`);
    database.run(`
      CREATE TABLE gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
        z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
    const srs = database.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run(['Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system']);
    srs.run(['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system']);
    srs.run([
      'WGS 84 geodetic',
      4326,
      'EPSG',
      4326,
      WGS84_OGC_WKT,
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    ]);
    srs.free();

    const geometryType = layer.geometryType.toUpperCase();
    const columns = layer.columns.map((column) => `${quoted(column.name)} ${SQL_TYPES[column.type]}`);
    database.run(
      `CREATE TABLE ${quoted(layer.tableName)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${geometryType}, ${columns.join(', ')})`,
    );
    const extent = extentOf(layer.features.map((feature) => feature.geometry));
    database.run('INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      layer.tableName,
      'features',
      layer.tableName,
      layer.title,
      now.toISOString(),
      ...(extent ?? [null, null, null, null]),
      4326,
    ]);
    database.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [layer.tableName, 'geom', geometryType, 4326]);

    const names = ['geom', ...layer.columns.map((column) => column.name)].map(quoted);
    const insert = database.prepare(
      `INSERT INTO ${quoted(layer.tableName)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
    database.run('BEGIN');
    for (const feature of layer.features) insert.run([gpkgGeometry(feature.geometry), ...feature.values.map(sqlValue)]);
    database.run('COMMIT');
    insert.free();
    return database.export();
  } finally {
    database.close();
  }
}
