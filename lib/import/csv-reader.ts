import { restoreNeutralized } from '../export/table';
import { say } from '../i18n/say';
import { TableReadError } from './table';

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);

/**
 * Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 — Excel in China saves
 * "CSV" in the system code page (GBK, a subset of GB18030) unless told otherwise.
 */
export function decodeCsvText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0))
    throw new TableReadError(say('该文件不是文本 CSV（含有二进制数据）', 'the file is not a text CSV (it contains binary data)'));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new TableReadError(
        say(
          'CSV 既不是 UTF-8 也不是 GBK/GB18030 文本；请另存为“CSV UTF-8”',
          'the CSV is neither UTF-8 nor GBK/GB18030 text; save it again as "CSV UTF-8"',
        ),
      );
    }
  }
}

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends.
 * A quote inside an unquoted field is kept as text; an unterminated quote or text after a closing quote is
 * an error naming the line. `number` is the record's number (its row in Excel), 1-based.
 */
export function parseCsvRecords(text: string, delimiter = ','): { number: number; cells: string[] }[] {
  const records: { number: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let line = 1;
  let index = 0;
  const end = text.length;
  const isBreak = (char: string | undefined) => char === '\n' || char === '\r';
  for (;;) {
    let field: string;
    if (text[index] === '"') {
      const startLine = line;
      let value = '';
      index++;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close < 0)
          throw new TableReadError(
            say(
              `CSV 第 ${startLine} 行开始的带引号字段没有结束引号`,
              `the CSV has a quoted field starting on line ${startLine} that is never closed`,
            ),
          );
        const chunk = text.slice(index, close);
        value += chunk;
        line += chunk.split('\n').length - 1;
        if (text[close + 1] === '"') {
          value += '"';
          index = close + 2;
        } else {
          index = close + 1;
          break;
        }
      }
      if (index < end && text[index] !== delimiter && !isBreak(text[index])) {
        throw new TableReadError(say(`CSV 第 ${line} 行的结束引号后还有文字`, `the CSV has text after a closing quote on line ${line}`));
      }
      field = value;
    } else {
      const start = index;
      while (index < end && text[index] !== delimiter && !isBreak(text[index])) index++;
      field = text.slice(start, index);
    }
    cells.push(restoreNeutralized(field));
    if (index >= end) {
      records.push({ number: records.length + 1, cells });
      break;
    }
    if (text[index] === delimiter) {
      index++;
      continue;
    }
    index += text[index] === '\r' && text[index + 1] === '\n' ? 2 : 1;
    line++;
    records.push({ number: records.length + 1, cells });
    cells = [];
    if (index >= end) break;
  }
  return records;
}

/** Comma-separated unless the first line has tabs and no commas (Excel's "Unicode text" export). */
export function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}
