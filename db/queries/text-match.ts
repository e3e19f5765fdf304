/** A LIKE/ILIKE pattern that matches user text literally anywhere in a column (its % and _ are escaped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
