import { ValidationError } from './errors';
import type { FieldError } from './field-errors';

const NUL = '\u0000';
const MESSAGE = 'contains a NUL character (U+0000), which text cannot hold';

/** Dotted paths of every string (key or value) in a JSON value that holds a NUL character. */
function nulPaths(value: unknown, path: string[], found: string[]): void {
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(path.join('.'));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulPaths(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) found.push([...path, key].join('.'));
      else nulPaths(item, [...path, key], found);
    }
  }
}

/**
 * Refuses text with NUL characters before it reaches the database: PostgreSQL cannot store U+0000 in text or
 * jsonb and would fail the whole statement; the user gets a 400 naming the field instead.
 */
export function refuseNulText(value: unknown, where: string): void {
  const found: string[] = [];
  nulPaths(value, [], found);
  if (found.length === 0) return;
  const errors: FieldError[] = found.map((field) => ({ field, message: `${field || where} ${MESSAGE}` }));
  throw new ValidationError(errors.map((error) => error.message).join('; '), errors);
}
