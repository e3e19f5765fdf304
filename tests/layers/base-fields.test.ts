import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { BASE_LAYER_SPECS, BASE_LAYERS, shapefileFieldName } from '../../lib/domain/base-fields';
import { testEngines } from '../helpers/engines';

describe('the base layers’ field list', () => {
  it('gives every field a Shapefile name of at most 10 ASCII characters, unique within its layer', () => {
    for (const layer of BASE_LAYERS) {
      const names = BASE_LAYER_SPECS[layer].fields.map(shapefileFieldName);
      for (const name of names) expect(name, `${layer}.${name}`).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,9}$/);
      expect(new Set(names).size, layer).toBe(names.length);
    }
  });

  it('names each alias of a value with a code the field can store', () => {
    for (const layer of BASE_LAYERS)
      for (const field of BASE_LAYER_SPECS[layer].fields)
        for (const target of Object.values(field.valueAliases ?? {})) expect(field.values, `${layer}.${field.column}`).toContain(target);
  });
});

describe.each(testEngines)('the base layers’ field list on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('names only columns of the layer’s table', async () => {
    const result = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`.execute(handle.db);
    const columns = new Set(result.rows.map((row) => `${row.table_name}.${row.column_name}`));
    for (const layer of BASE_LAYERS) {
      const spec = BASE_LAYER_SPECS[layer];
      for (const field of [...spec.fields.map((f) => f.column), spec.idColumn, 'geom', 'version', 'retired_at'])
        expect(columns.has(`${spec.table}.${field}`), `${spec.table}.${field}`).toBe(true);
    }
  });

  it('gives each layer the geometry type its table stores', async () => {
    const result = await sql<{ table: string; type: string }>`
      SELECT f_table_name AS table, type FROM geometry_columns WHERE f_geometry_column = 'geom'`.execute(handle.db);
    const stored = new Map(result.rows.map((row) => [row.table, row.type]));
    for (const layer of BASE_LAYERS) {
      const spec = BASE_LAYER_SPECS[layer];
      expect(stored.get(`${spec.table}_all`), layer).toBe(spec.geometry.toUpperCase());
    }
  });

  it('requires every field the table cannot store without, so a drawn or imported feature never fails on a missing value', async () => {
    const result = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_nullable = 'NO' AND column_default IS NULL`.execute(handle.db);
    const mandatory = new Set(result.rows.map((row) => `${row.table_name}.${row.column_name}`));
    for (const layer of BASE_LAYERS) {
      const spec = BASE_LAYER_SPECS[layer];
      const required = spec.fields.filter((field) => field.required).map((field) => field.column);
      const needed = [...mandatory].filter((name) => name.startsWith(`${spec.table}_all.`)).map((name) => name.split('.')[1]);
      expect(
        needed
          .filter((column) => (column !== 'geom' && column !== spec.idColumn) || (spec.idColumn === 'code' && column === 'code'))
          .sort(),
        layer,
      ).toEqual([...required].sort());
    }
  });
});
