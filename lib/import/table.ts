import { say } from '../i18n/say';
/** A table read from an uploaded file: the header row and the data rows below it, all cells as text. */
export interface ImportTable {
  headers: string[];
  /** The header's row number in the file (1 unless blank rows come first). */
  headerRowNumber: number;
  rows: string[][];
  /** For each data row, its row number in the file (1-based, header included), as Excel shows it. */
  rowNumbers: number[];
}

/** Uploads larger than this are refused before parsing. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** More data rows than this are refused (one import is one transaction). */
export const MAX_IMPORT_ROWS = 10_000;

/** The file cannot be read as a table: unsupported type, damaged, too large, empty. The message says which. */
export class TableReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableReadError';
  }
}

/**
 * Header and data rows from raw records: the first non-blank record is the header; blank records are
 * skipped (their numbers are kept for the rest); every row is padded to the header's width.
 */
export function tableFromRecords(records: { number: number; cells: string[] }[]): ImportTable {
  const filled = records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  const [header, ...data] = filled;
  if (!header)
    throw new TableReadError(
      say('文件没有数据：需要一行表头和至少一行数据', 'the file has no rows: expected a header row and at least one data row'),
    );
  if (data.length > MAX_IMPORT_ROWS) {
    throw new TableReadError(
      say(
        `文件有 ${data.length} 行数据；一次最多导入 ${MAX_IMPORT_ROWS} 行`,
        `the file has ${data.length} data rows; at most ${MAX_IMPORT_ROWS} can be imported at once`,
      ),
    );
  }
  const width = Math.max(header.cells.length, ...data.map((record) => record.cells.length));
  const pad = (cells: string[]) => [...cells, ...Array<string>(width - cells.length).fill('')];
  return {
    headers: pad(header.cells.map((cell) => cell.trim())),
    headerRowNumber: header.number,
    rows: data.map((record) => pad(record.cells)),
    rowNumbers: data.map((record) => record.number),
  };
}
