import { say } from '../i18n/say';
import { ValidationError } from './errors';
import type { FieldError } from './field-errors';

/**
 * C0 control characters and DEL, except tab, line feed and carriage return. No form or file a person writes
 * holds them; PostgreSQL cannot store U+0000 at all (the whole statement fails), and the others would hide
 * inside names and notes, break exports and terminals.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** What is wrong with text holding a control character, after the name of what holds it. */
export const controlTextMessage = () =>
  say('含有控制字符（如 U+0000），文字中不能包含', 'contains a control character (such as U+0000), which text may not hold');

export const hasControlCharacters = (text: string) => CONTROL.test(text);

/**
 * Dotted paths of every string (key or value) in a JSON value that holds a control character. Walks with
 * its own stack, not recursion: a body of thousands of nested arrays must not overflow the call stack.
 */
function controlPaths(root: unknown): string[] {
  const found: string[] = [];
  const pending: Array<{ value: unknown; path: string[] }> = [{ value: root, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (CONTROL.test(value)) found.push(path.join('.'));
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: [...path, String(index)] }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (CONTROL.test(key)) found.push([...path, key].join('.'));
        else pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return found.sort();
}

/** Refuses text with control characters before it reaches the database: a 400 naming each field. */
export function refuseControlText(value: unknown, where: () => string): void {
  const found = controlPaths(value);
  if (found.length === 0) return;
  const errors: FieldError[] = found.map((field) => ({ field, message: `${field || where()} ${controlTextMessage()}` }));
  throw new ValidationError(errors.map((error) => error.message).join('; '), errors);
}
