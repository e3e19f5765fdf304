import { cellText, type TableColumn } from './table';

const BOM = '\uFEFF';

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Rows as CSV for Excel: UTF-8 with a BOM (without it Excel in China reads the file as GBK and shows
 * mojibake), CRLF line ends, RFC 4180 quoting, formula-like text neutralised.
 */
export function toCsv<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[]): Buffer {
  const lines = [columns.map((column) => quote(cellText(column.header)))];
  for (const row of rows) lines.push(columns.map((column) => quote(cellText(column.value(row)))));
  return Buffer.from(`${BOM + lines.map((line) => line.join(',')).join('\r\n')}\r\n`, 'utf8');
}
