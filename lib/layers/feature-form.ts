import type { BaseField } from '../domain/base-fields';
import { formatMonths, parseMonths } from '../domain/months';

/** A base feature's fields as the edit form holds them: every value as the text of its input ('' for none). */
export type FormValues = Record<string, string>;

/** The form text of a stored value (references are codes already; booleans 'true'/'false'; months "1-12"). */
export function formText(field: BaseField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'months' && Array.isArray(value)) return formatMonths(value as number[]);
  return String(value);
}

/** What the API takes for a form text, or an error message key when the text cannot be that field's value. */
export function formValue(field: BaseField, text: string): { value: unknown } | { error: 'form.required' | 'form.number' | 'form.months' } {
  const trimmed = text.trim();
  if (trimmed === '') return field.required ? { error: 'form.required' } : { value: null };
  switch (field.type) {
    case 'integer':
    case 'number': {
      const number = Number(trimmed);
      const ok = Number.isFinite(number) && number >= 0 && (field.type === 'number' || Number.isInteger(number));
      return ok ? { value: number } : { error: 'form.number' };
    }
    case 'boolean':
      return { value: trimmed === 'true' };
    case 'months': {
      const months = parseMonths(trimmed);
      return months ? { value: months } : { error: 'form.months' };
    }
    default:
      return { value: trimmed };
  }
}

/**
 * The changed fields of a form as the API's `properties`, comparing each field's value with the stored one; the
 * errors by column when a text is not a value of its field.
 */
export function changedProperties(
  fields: readonly BaseField[],
  values: FormValues,
  stored: Record<string, unknown>,
): { properties: Record<string, unknown>; errors: Record<string, string> } {
  const properties: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = values[field.column] ?? '';
    if (text === formText(field, stored[field.column])) continue;
    const parsed = formValue(field, text);
    if ('error' in parsed) errors[field.column] = parsed.error;
    else properties[field.column] = parsed.value;
  }
  return { properties, errors };
}
