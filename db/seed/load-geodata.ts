import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { featureCollectionSchema, geometrySchemas } from '../../lib/geo/geojson-schema';
import { systemRequestId } from '../queries/audit';
import { type FeatureRow, findInvalidGeometries, insertRows, recordSeedInAudit } from '../queries/seed';
import type { Db } from '../schema';
import { GEODATA_FILES, type GeodataFile } from './geodata-files';

/** Bad data in a geodata file: names the file and the feature so it can be fixed. */
export class GeodataError extends Error {
  constructor(file: string, problem: string, feature?: { index: number; code?: unknown }) {
    const where = feature ? ` feature #${feature.index}${typeof feature.code === 'string' ? ` (code ${feature.code})` : ''}` : '';
    super(`geodata/${file}${where}: ${problem}`);
    this.name = 'GeodataError';
  }
}

const BATCH = 2000;

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Reads one file into feature rows (properties + geometry), checked against its schemas. */
function readFile(dir: string, spec: GeodataFile): FeatureRow[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, spec.file), 'utf8'));
  } catch (error) {
    throw new GeodataError(spec.file, `cannot read as JSON: ${(error as Error).message}`);
  }
  let items: { properties: unknown; geometry: unknown }[];
  if (spec.geometry) {
    const collection = featureCollectionSchema.safeParse(raw);
    if (!collection.success) throw new GeodataError(spec.file, `not a GeoJSON FeatureCollection: ${describe(collection.error)}`);
    items = collection.data.features;
  } else {
    if (!Array.isArray(raw)) throw new GeodataError(spec.file, 'expected a JSON array of records');
    items = raw.map((record) => ({ properties: record, geometry: null }));
  }
  return items.map((item, index) => {
    const code = (item.properties as { code?: unknown } | null)?.code;
    const properties = spec.properties.strict().safeParse(item.properties);
    if (!properties.success) throw new GeodataError(spec.file, describe(properties.error), { index, code });
    if (spec.geometry) {
      const geometry = geometrySchemas[spec.geometry].safeParse(item.geometry);
      if (!geometry.success) {
        throw new GeodataError(spec.file, `geometry must be a valid ${spec.geometry}: ${describe(geometry.error)}`, {
          index,
          code,
        });
      }
    }
    return { properties: properties.data as Record<string, unknown>, geometry: item.geometry };
  });
}

/** Replaces `*_code` references by the ids of rows loaded earlier; an unknown code is an error. */
function resolveReferences(spec: GeodataFile, rows: FeatureRow[], idsByTable: Map<string, Map<string, number>>): void {
  rows.forEach((row, index) => {
    for (const reference of spec.references) {
      const value = row.properties[reference.property];
      delete row.properties[reference.property];
      if (value === null || value === undefined) {
        row.properties[reference.column] = null;
        continue;
      }
      const id = idsByTable.get(reference.table)?.get(String(value));
      if (id === undefined) {
        throw new GeodataError(spec.file, `${reference.property} "${String(value)}" does not exist in ${reference.table}`, {
          index,
          code: row.properties.code,
        });
      }
      row.properties[reference.column] = id;
    }
  });
}

function checkVillageCodes(spec: GeodataFile, rows: FeatureRow[], villages: Set<string>): void {
  rows.forEach((row, index) => {
    const village = row.properties.village_code;
    if (typeof village === 'string' && !villages.has(village)) {
      throw new GeodataError(spec.file, `village_code "${village}" is not in villages.geojson`, {
        index,
        code: row.properties.code,
      });
    }
  });
}

async function rejectInvalidGeometry(db: Db, spec: GeodataFile, rows: FeatureRow[], offset: number) {
  const invalid = await findInvalidGeometries(db, rows);
  const first = invalid[0];
  if (first) {
    const index = offset + first.index;
    throw new GeodataError(spec.file, `invalid geometry (${first.reason})`, {
      index,
      code: rows[first.index]?.properties.code,
    });
  }
}

/**
 * Loads every geodata file into an empty database, all or nothing (the caller supplies the transaction).
 * Returns the row count per table.
 */
export async function loadGeodata(db: Db, dir: string): Promise<Record<string, number>> {
  // Read and check every file before writing anything: a bad file fails fast with its name.
  const files = GEODATA_FILES.map((spec) => ({ spec, rows: readFile(dir, spec) }));
  const villageCodes = new Set(files[0]?.rows.map((row) => String(row.properties.code)));
  const idsByTable = new Map<string, Map<string, number>>();
  const counts: Record<string, number> = {};
  // The load has no request of its own: its audit rows share one id (`seed-<uuid>`), so one load can be told from another.
  const requestId = systemRequestId('seed');

  for (const { spec, rows } of files) {
    checkVillageCodes(spec, rows, villageCodes);
    resolveReferences(spec, rows, idsByTable);
    const children = spec.children;
    const childRows: { parentCode: string; rows: Record<string, unknown>[] }[] = [];
    if (children) {
      for (const row of rows) {
        childRows.push({ parentCode: String(row.properties.code), rows: row.properties[children.property] as Record<string, unknown>[] });
        delete row.properties[children.property];
      }
    }

    const columns = Object.keys(rows[0]?.properties ?? {});
    const hasIds = spec.table !== 'villages' && columns.includes('code');
    const ids = new Map<string, number>();
    for (let offset = 0; offset < rows.length; offset += BATCH) {
      const batch = rows.slice(offset, offset + BATCH);
      if (spec.geometry) await rejectInvalidGeometry(db, spec, batch, offset);
      const inserted = await insertRows(db, spec.table as never, columns, batch, {
        withGeometry: spec.geometry !== null,
        returnIdsByCode: hasIds,
      });
      for (const [code, id] of inserted) ids.set(code, id);
    }
    idsByTable.set(spec.table, ids);
    counts[spec.table] = rows.length;

    if (children) {
      const flattened = childRows.flatMap(({ parentCode, rows: list }) =>
        list.map((child) => ({ properties: { ...child, [children.parentColumn]: ids.get(parentCode) }, geometry: null })),
      );
      const [first] = flattened;
      if (first) {
        const childColumns = Object.keys(first.properties);
        for (let offset = 0; offset < flattened.length; offset += BATCH) {
          await insertRows(db, children.table, childColumns, flattened.slice(offset, offset + BATCH), {
            withGeometry: false,
            returnIdsByCode: false,
          });
        }
      }
      counts[children.table] = flattened.length;
    }
    await recordSeedInAudit(db, { table: spec.table, file: spec.file, rows: rows.length, requestId });
  }
  return counts;
}
