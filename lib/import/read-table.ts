import { say } from '../i18n/say';
import { decodeCsvText, guessDelimiter, parseCsvRecords } from './csv-reader';
import { type ImportTable, MAX_IMPORT_BYTES, TableReadError, tableFromRecords } from './table';
import { readXlsxRecords } from './xlsx-reader';

/**
 * The table in an uploaded .csv or .xlsx file (chosen by the file name's extension, checked against the
 * bytes). Throws TableReadError with a message for the user when the file cannot be used.
 */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<ImportTable> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new TableReadError(
      say(
        `文件大小 ${(bytes.byteLength / 1048576).toFixed(1)} MB；一次最多导入 ${MAX_IMPORT_BYTES / 1048576} MB`,
        `the file is ${(bytes.byteLength / 1048576).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1048576} MB can be imported`,
      ),
    );
  }
  if (bytes.byteLength === 0) throw new TableReadError(say('文件是空的', 'the file is empty'));
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'txt') {
    const text = decodeCsvText(bytes);
    return tableFromRecords(parseCsvRecords(text, guessDelimiter(text)));
  }
  if (extension === 'xlsx') return tableFromRecords(await readXlsxRecords(bytes));
  if (extension === 'xls')
    throw new TableReadError(
      say('不支持旧版 .xls 工作簿：请另存为 .xlsx 或 CSV', 'old .xls workbooks are not supported: save the file as .xlsx or CSV'),
    );
  throw new TableReadError(
    say(
      `不支持的文件类型“${fileName.slice(-40)}”：请上传 .csv 或 .xlsx 文件`,
      `unsupported file type "${fileName.slice(-40)}": upload a .csv or .xlsx file`,
    ),
  );
}
