import type { z } from 'zod';
import type { BaseField, BaseLayerSpec } from '../../domain/base-fields';
import { say } from '../../i18n/say';
import { fieldSchema } from '../../layers/feature-input';
import type { SourceFeature } from '../geo/types';
import { convertValue, isEmptyValue } from './convert-value';
import type { FieldMapping, ValueMapping } from './mapping';
import type { ReportItem } from './report';

export interface ConvertedFeature {
  index: number;
  /** The values the file gives, typed as forms send them (references by code); empty cells left out. */
  values: Record<string, unknown>;
  items: ReportItem[];
}

// One schema per field, made once: a county's file checks hundreds of thousands of values.
const schemas = new WeakMap<BaseField, z.ZodType>();
function schemaOf(field: BaseField): z.ZodType {
  let schema = schemas.get(field);
  if (!schema) {
    schema = fieldSchema(field);
    schemas.set(field, schema);
  }
  return schema;
}

/**
 * A feature's mapped cells converted to the layer's fields and checked by the same schema a form's edit is.
 * Required fields must be given (for a new feature; `isNew` is decided later, so the check is left to the caller
 * for unmapped ones). Unknown enumeration values are collected per field for the answer's `unmatched_values`; the
 * user's `chosen` codes for such values stand in for them.
 */
export function convertFeature(
  spec: BaseLayerSpec,
  mapping: FieldMapping,
  feature: SourceFeature,
  unmatched: Map<string, Set<string>>,
  chosen: ValueMapping = {},
): ConvertedFeature {
  const values: Record<string, unknown> = {};
  const items: ReportItem[] = [];
  const item = (field: string, code: ReportItem['code'], message: string): ReportItem => ({
    index: feature.index,
    field,
    code,
    severity: 'error',
    message,
  });
  for (const field of spec.fields) {
    const header = mapping[field.column];
    if (!header) continue;
    const raw = feature.properties[header];
    if (raw === undefined || isEmptyValue(raw)) {
      if (field.required) items.push(item(field.column, 'required', say(`缺少必填项${field.zh}`, `${field.en} is required`)));
      continue;
    }
    // A value the user mapped on the preview reads as the code they chose for it.
    const converted = convertValue(field, chosen[field.column]?.[String(raw).trim()] ?? raw);
    if (!converted.ok) {
      if (converted.code === 'unknown_value') {
        const seen = unmatched.get(field.column) ?? new Set();
        seen.add(String(raw));
        unmatched.set(field.column, seen);
      }
      items.push(item(field.column, converted.code, converted.message));
      continue;
    }
    const checked = schemaOf(field).safeParse(converted.value);
    if (!checked.success) {
      const reason = checked.error.issues[0]?.message ?? '';
      items.push(
        item(field.column, 'bad_value', say(`${field.zh}“${raw}”不可用：${reason}`, `${field.en} "${raw}" cannot be used: ${reason}`)),
      );
      continue;
    }
    values[field.column] = checked.data;
  }
  return { index: feature.index, values, items };
}
