import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Geometry } from 'geojson';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { say } from '@/lib/i18n/say';
import { declaredCrsFromPrj } from './read-prj';
import { gpkgGeometryWkb, readWkb } from './read-wkb';
import { type DeclaredCrs, type GeoFileContents, GeoFileError, type SourceFeature, type SourceValue } from './types';
import { countVertices, MAX_IMPORT_VERTICES, tooComplex } from './vertex-limit';

let sqlJs: ReturnType<typeof initSqlJs> | undefined;

/**
 * sql.js's WebAssembly, read from its own package folder once per process. The file is found next to the package's
 * entry point: naming the .wasm in a resolve would make the server bundler try to bundle it.
 */
export function loadSqlJs() {
  if (!sqlJs) {
    const entry = createRequire(import.meta.url).resolve('sql.js');
    const wasm = fs.readFileSync(path.join(path.dirname(entry), 'sql-wasm.wasm'));
    sqlJs = initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
  }
  return sqlJs;
}

const damaged = (detail: string, english: string) =>
  new GeoFileError(say(`GeoPackage 文件无法读取：${detail}`, `the GeoPackage file cannot be read: ${english}`), 'damaged_file');

/** A GeoPackage's first feature table (or the named one), in the table's own coordinate system. */
export async function readGeoPackage(bytes: Uint8Array, tableName?: string): Promise<GeoFileContents> {
  const SQL = await loadSqlJs();
  let database: Database;
  try {
    database = new SQL.Database(bytes);
  } catch {
    throw damaged('不是 SQLite 数据库', 'not an SQLite database');
  }
  try {
    return readFeatureTable(database, tableName);
  } catch (error) {
    if (error instanceof GeoFileError) throw error;
    // SQLite's own complaint: a cut-off or corrupted file ("database disk image is malformed").
    throw damaged('文件已损坏或不完整', 'the file is damaged or incomplete');
  } finally {
    database.close();
  }
}

function rows(database: Database, query: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const statement = database.prepare(query, params);
  const result: Record<string, SqlValue>[] = [];
  while (statement.step()) result.push(statement.getAsObject());
  statement.free();
  return result;
}

function readFeatureTable(database: Database, tableName?: string): GeoFileContents {
  let tables: Record<string, SqlValue>[];
  try {
    tables = rows(
      database,
      `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
         JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
        WHERE c.data_type = 'features' ORDER BY c.rowid`,
    );
  } catch {
    throw damaged('缺少 gpkg_contents 目录表', 'it has no gpkg_contents table');
  }
  const table = tableName ? tables.find((row) => row.table_name === tableName) : tables[0];
  if (!table)
    throw new GeoFileError(
      tableName
        ? say(`GeoPackage 里没有图层“${tableName}”`, `the GeoPackage has no layer "${tableName}"`)
        : say('GeoPackage 里没有要素图层', 'the GeoPackage holds no feature layer'),
      'no_features',
    );
  const name = String(table.table_name);
  const geometryColumn = String(table.column_name);
  const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
  const columns = rows(database, `PRAGMA table_info(${quoted(name)})`);
  // The integer primary key is the GeoPackage's feature id, not an attribute the user wrote.
  const fields = columns
    .filter((column) => column.name !== geometryColumn && !(Number(column.pk) === 1 && /INT/i.test(String(column.type))))
    .map((column) => String(column.name));
  const features: SourceFeature[] = [];
  let vertices = 0;
  const statement = database.prepare(`SELECT ${[geometryColumn, ...fields].map(quoted).join(', ')} FROM ${quoted(name)} ORDER BY rowid`);
  try {
    while (statement.step()) {
      const [blob, ...values] = statement.get();
      const geometry = blob instanceof Uint8Array ? decodeGeometry(blob) : null;
      vertices += geometry ? countVertices(geometry) : 0;
      if (vertices > MAX_IMPORT_VERTICES) throw tooComplex(vertices);
      const properties: Record<string, SourceValue> = {};
      fields.forEach((field, position) => {
        properties[field] = attributeValue(values[position] ?? null);
      });
      features.push({ index: features.length + 1, geometry, properties });
    }
  } finally {
    statement.free();
  }
  return {
    format: 'geopackage',
    features,
    fields,
    encoding: { name: 'utf-8', source: 'format' },
    declaredCrs: declaredSrs(database, Number(table.srs_id)),
  };
}

function decodeGeometry(blob: Uint8Array): Geometry | null {
  try {
    const wkb = gpkgGeometryWkb(blob);
    return wkb ? readWkb(wkb) : null;
  } catch {
    throw damaged('图形数据已损坏', 'a geometry is damaged');
  }
}

function attributeValue(value: SqlValue): SourceValue {
  if (value === null || value instanceof Uint8Array) return null;
  return value;
}

function declaredSrs(database: Database, srsId: number): DeclaredCrs | null {
  const [srs] = rows(database, 'SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [
    srsId,
  ]);
  if (!srs) return null;
  const text = String(srs.definition ?? '');
  if (String(srs.organization).toUpperCase() === 'EPSG') return { epsg: Number(srs.organization_coordsys_id), text };
  // srs_id 0 and -1 are the standard's "undefined" systems.
  if (srsId <= 0 || text === 'undefined') return null;
  return declaredCrsFromPrj(text);
}
