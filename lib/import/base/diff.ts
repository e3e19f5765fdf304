import type { LayerFeature } from '../../../db/queries/feature-edits';

/** Two values of one field equal as stored: numbers within rounding, months in any order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) {
    const sort = (list: unknown[]) => JSON.stringify([...list].sort());
    return sort(a) === sort(b);
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields whose file value differs from the stored one (only fields the file gives are compared). */
export function changedFields(values: Record<string, unknown>, current: LayerFeature): string[] {
  return Object.keys(values).filter((column) => !sameValue(values[column], current.properties[column]));
}
