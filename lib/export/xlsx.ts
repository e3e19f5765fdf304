import ExcelJS from 'exceljs';
import { type CellValue, neutralizeFormula, type TableColumn } from './table';

/** Display width of text in Excel character units: CJK and other wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return width;
}

/** The value written to a cell: strings always as plain (neutralised) strings, never as formulas. */
function cellValue(value: CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  // XML turns a CR into a line feed on reading anyway; Excel's own line break in a cell is LF.
  return neutralizeFormula(value.replace(/\r\n?/g, '\n'));
}

export interface XlsxOptions {
  /** At most 31 characters, none of \ / ? * [ ] : (Excel's rules). */
  sheetName: string;
}

/**
 * Rows as one XLSX sheet: bold frozen header row with an autofilter, column widths from the content
 * (6–60 characters, the first 200 rows measured). Every text cell is a plain string; no formula is written.
 */
export async function toXlsx<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[], options: XlsxOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '刘胡兰镇消防安全管理平台';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });

  const values = rows.map((row) => columns.map((column) => cellValue(column.value(row))));
  sheet.columns = columns.map((column, index) => {
    const measured = [column.header, ...values.slice(0, 200).map((cells) => cells[index])].map((value) =>
      value === null || value === undefined ? 0 : displayWidth(String(value)),
    );
    return { width: column.width ?? Math.min(60, Math.max(6, Math.max(...measured) + 2)) };
  });

  const header = sheet.addRow(columns.map((column) => neutralizeFormula(column.header)));
  header.font = { bold: true };
  for (const cells of values) sheet.addRow(cells);
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
