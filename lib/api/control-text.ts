import { ValidationError } from './errors';
import type { FieldError } from './field-errors';

/**
 * C0 control characters and DEL, except tab, line feed and carriage return. No form or file a person writes
 * holds them; PostgreSQL cannot store U+0000 at all (the whole statement fails), and the others would hide
 * inside names and notes, break exports and terminals.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const CONTROL_TEXT_MESSAGE = 'contains a control character (such as U+0000), which text may not hold';

export const hasControlCharacters = (text: string) => CONTROL.test(text);

/** Dotted paths of every string (key or value) in a JSON value that holds a control character. */
function controlPaths(value: unknown, path: string[], found: string[]): void {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) found.push(path.join('.'));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => controlPaths(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL.test(key)) found.push([...path, key].join('.'));
      else controlPaths(item, [...path, key], found);
    }
  }
}

/** Refuses text with control characters before it reaches the database: a 400 naming each field. */
export function refuseControlText(value: unknown, where: string): void {
  const found: string[] = [];
  controlPaths(value, [], found);
  if (found.length === 0) return;
  const errors: FieldError[] = found.map((field) => ({ field, message: `${field || where} ${CONTROL_TEXT_MESSAGE}` }));
  throw new ValidationError(errors.map((error) => error.message).join('; '), errors);
}
