import { type BaseField, type BaseLayerSpec, shapefileFieldName } from '../../domain/base-fields';

/** The layer's columns, each to the file field it is read from (null: not in the file). */
export type FieldMapping = Record<string, string | null>;

/** Per column, file values the field does not know to the codes the user chose for them. */
export type ValueMapping = Record<string, Record<string, string>>;

/** Header names compared as people write them: width, case and spaces do not matter. */
export function normaliseHeader(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/**
 * Names a field is known by, most specific first: its column (also as a Shapefile holds it: our export's short
 * name, or cut to the format's 10 characters as GDAL writes it), its two labels, then the spec's aliases.
 */
function namesOf(field: BaseField): string[][] {
  return [[field.column, shapefileFieldName(field), field.column.slice(0, 10)], [field.zh, field.en], [...field.aliases]];
}

/**
 * The mapping suggested from a file's headers: each field takes the first header that names it, by column first,
 * then label, then alias, and a header serves one field only (`户主` is a building's name before its owner).
 * `override` (column → file field, null to leave a field out) wins over the suggestion.
 */
export function suggestMapping(spec: BaseLayerSpec, headers: readonly string[], override: FieldMapping = {}): FieldMapping {
  const byName = new Map<string, string>();
  for (const header of headers) if (!byName.has(normaliseHeader(header))) byName.set(normaliseHeader(header), header);
  const taken = new Set(Object.values(override).filter((header): header is string => typeof header === 'string'));
  const mapping: FieldMapping = {};
  for (const field of spec.fields) if (Object.hasOwn(override, field.column)) mapping[field.column] = override[field.column] ?? null;
  for (let rank = 0; rank < 3; rank += 1) {
    for (const field of spec.fields) {
      if (Object.hasOwn(mapping, field.column) && (mapping[field.column] !== null || Object.hasOwn(override, field.column))) continue;
      const header = namesOf(field)
        [rank]?.map((name) => byName.get(normaliseHeader(name)))
        .find((found): found is string => found !== undefined && !taken.has(found));
      if (header) {
        mapping[field.column] = header;
        taken.add(header);
      }
    }
  }
  for (const field of spec.fields) mapping[field.column] ??= null;
  return mapping;
}
