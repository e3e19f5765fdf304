import { z } from 'zod';
import { parseOrThrow } from '../../api/field-errors';
import { jsonText } from '../../api/json-body';
import { BASE_LAYERS } from '../../domain/base-fields';
import { say } from '../../i18n/say';
import { IMPORT_CRS } from '../geo/types';

/** The largest base-layer file an upload may carry: a county's 150,000 footprints are ~11 MB zipped, ~41 MB as GeoPackage. */
export const MAX_BASE_IMPORT_BYTES = 64 * 1024 * 1024;

const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === null || value === '' ? undefined : value), schema.optional());

/**
 * The form fields of an upload besides the file: layer, and optionally crs, encoding, mapping (JSON), key and
 * values (JSON: column → the file's value → the field's code, for values the preview could not match).
 */
export const importFormSchema = z.object({
  layer: z.enum(BASE_LAYERS, {
    error: () => say(`layer 只能是：${BASE_LAYERS.join('、')}`, `layer must be one of ${BASE_LAYERS.join(', ')}`),
  }),
  crs: optional(
    z.enum(IMPORT_CRS, { error: () => say(`crs 只能是：${IMPORT_CRS.join('、')}`, `crs must be one of ${IMPORT_CRS.join(', ')}`) }),
  ),
  encoding: optional(z.enum(['utf-8', 'gbk', 'gb18030'])),
  mapping: optional(jsonText(z.record(z.string().max(100), z.string().max(200).nullable()))),
  key: optional(z.string().max(100)),
  values: optional(jsonText(z.record(z.string().max(100), z.record(z.string().max(200), z.string().max(100))))),
});

export function parseImportForm(form: FormData) {
  const fields = Object.fromEntries(['layer', 'crs', 'encoding', 'mapping', 'key', 'values'].map((name) => [name, form.get(name)]));
  return parseOrThrow(importFormSchema, fields);
}

/** The body of a commit. */
export const commitBodySchema = z
  .object({
    retire_missing: z.boolean().default(false),
    repair_invalid: z.boolean().default(false),
    confirm_crs: z.boolean().default(false),
  })
  .strict();
