import ExcelJS from 'exceljs';
import { restoreNeutralized } from '../export/table';
import { say } from '../i18n/say';
import { MAX_IMPORT_ROWS, TableReadError } from './table';
import { declaredUncompressedSize } from './zip-size';

/** What an .xlsx may expand to: a 10,000-row sheet is a few tens of MB of XML at most. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

/** A cell's value as text: dates as YYYY-MM-DD, formulas by their cached result, rich text joined. */
export function cellToText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return restoreNeutralized(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return String(value.text ?? '');
  if ('formula' in value || 'sharedFormula' in value) return cellToText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('error' in value) return '';
  return '';
}

/** Records of the first worksheet, numbered by their Excel row. */
export async function readXlsxRecords(bytes: Uint8Array): Promise<{ number: number; cells: string[] }[]> {
  // Every .xlsx is a zip: refuse anything else (an old .xls, a renamed file) before exceljs guesses.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new TableReadError(
      say(
        '该文件不是 .xlsx 工作簿（旧版 .xls 文件请另存为 .xlsx 或 CSV）',
        'the file is not an .xlsx workbook (old .xls files must be saved again as .xlsx or CSV)',
      ),
    );
  }
  const expanded = declaredUncompressedSize(bytes);
  if (expanded === null)
    throw new TableReadError(
      say('.xlsx 工作簿已损坏或不是工作簿（没有 zip 目录）', 'the .xlsx workbook is damaged or not a workbook (no zip directory)'),
    );
  if (expanded > MAX_XLSX_UNCOMPRESSED_BYTES) {
    throw new TableReadError(
      say(
        `.xlsx 工作簿解压后超过 ${MAX_XLSX_UNCOMPRESSED_BYTES / 1048576} MB；请拆分为较小的文件`,
        `the .xlsx workbook expands to more than ${MAX_XLSX_UNCOMPRESSED_BYTES / 1048576} MB; split it into smaller files`,
      ),
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
  } catch (error) {
    throw new TableReadError(
      say(
        `.xlsx 工作簿已损坏或不是工作簿（${error instanceof Error ? error.message.slice(0, 120) : '无法读取'}）`,
        `the .xlsx workbook is damaged or not a workbook (${error instanceof Error ? error.message.slice(0, 120) : 'unreadable'})`,
      ),
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableReadError(say('工作簿中没有工作表', 'the workbook has no worksheet'));
  // Header plus data rows; checked before reading cells so a huge sheet fails fast.
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) {
    throw new TableReadError(
      say(
        `工作表有 ${sheet.actualRowCount - 1} 行数据；一次最多导入 ${MAX_IMPORT_ROWS} 行`,
        `the sheet has ${sheet.actualRowCount - 1} data rows; at most ${MAX_IMPORT_ROWS} can be imported at once`,
      ),
    );
  }
  const records: { number: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellToText(row.getCell(column).value));
    records.push({ number, cells });
  });
  return records;
}
