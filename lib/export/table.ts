/** A value a table cell can hold; dates are `YYYY-MM-DD` strings. */
export type CellValue = string | number | boolean | null | undefined;

/** One column of an exported table: its (zh-CN) header and how to read the cell from a row. */
export interface TableColumn<Row> {
  header: string;
  value(row: Row): CellValue;
  /** Width in characters for XLSX; measured from the content when absent. */
  width?: number;
}

/** Characters that make a spreadsheet treat text as a formula (=, +, -, @) or that hide one (tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text made safe to open in a spreadsheet (CSV/formula injection, OWASP): a leading apostrophe keeps
 * `=HYPERLINK(…)`, `+cmd|…`, `-2+3`, `@SUM(…)` as text. Numbers are not text and are never changed.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse for imports: drops the apostrophe an export added in front of a formula character. */
export function restoreNeutralized(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** A cell as safe text (CSV): numbers as JavaScript writes them, booleans as 是/否, nothing as empty. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return neutralizeFormula(value);
}
