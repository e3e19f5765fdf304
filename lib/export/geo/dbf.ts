import iconv from 'iconv-lite';
import { say } from '@/lib/i18n/say';
import type { AttributeType, AttributeValue } from './layer-export';

export type DbfEncoding = 'utf-8' | 'gbk';

export interface DbfColumn {
  /** At most 10 ASCII characters. */
  name: string;
  type: AttributeType;
}

interface FieldLayout {
  type: 'C' | 'N' | 'F' | 'L' | 'D';
  length: number;
  decimals: number;
  cell(value: AttributeValue): Uint8Array;
}

/** dBase allows at most 254 bytes in a character field. */
const MAX_TEXT_BYTES = 254;

/**
 * A text the chosen encoding cannot hold (GBK lacks some rare characters and every emoji): written, it would come
 * back as "?", so the export is refused and the user told to take UTF-8 instead.
 */
export class UnencodableTextError extends Error {
  constructor(
    readonly column: string,
    readonly text: string,
  ) {
    super(
      say(
        `字段 ${column} 的“${text.slice(0, 40)}”含有 GBK 无法表示的字符；请用 UTF-8 编码导出`,
        `"${text.slice(0, 40)}" in field ${column} holds characters GBK cannot represent; export with UTF-8 instead`,
      ),
    );
    this.name = 'UnencodableTextError';
  }
}

function encoder(encoding: DbfEncoding, column: string) {
  if (encoding === 'utf-8') return (text: string) => new TextEncoder().encode(text);
  return (text: string) => {
    const bytes = new Uint8Array(iconv.encode(text, 'gbk'));
    if (iconv.decode(Buffer.from(bytes), 'gbk') !== text) throw new UnencodableTextError(column, text);
    return bytes;
  };
}

/** Text cut to whole characters that fit in the field. */
function fitted(text: string, encode: (text: string) => Uint8Array): Uint8Array {
  let bytes = encode(text);
  let chars = [...text];
  while (bytes.length > MAX_TEXT_BYTES) {
    chars = chars.slice(0, -1);
    bytes = encode(chars.join(''));
  }
  return bytes;
}

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const padded = (bytes: Uint8Array, length: number, right: boolean) => {
  const cell = new Uint8Array(length).fill(0x20);
  cell.set(bytes.subarray(0, length), right ? length - Math.min(length, bytes.length) : 0);
  return cell;
};

/** Decimal places a number needs to be written exactly (JavaScript's shortest form), at most 15. */
function decimalsOf(value: number): number {
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Math.min(15, Number(exponent[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0));
  return Math.min(15, text.split('.')[1]?.length ?? 0);
}

/** Each column's dBase type and width, measured from the values: text by its encoded bytes, numbers by their digits. */
function layout(column: DbfColumn, values: AttributeValue[], encode: (text: string) => Uint8Array): FieldLayout {
  switch (column.type) {
    case 'text': {
      const encoded = values.map((value) => (value === null ? null : fitted(String(value), encode)));
      const length = Math.max(1, ...encoded.map((bytes) => bytes?.length ?? 0));
      return {
        type: 'C',
        length,
        decimals: 0,
        cell: (value) => padded(value === null ? new Uint8Array() : fitted(String(value), encode), length, false),
      };
    }
    case 'integer': {
      const length = Math.max(10, ...values.map((value) => (value === null ? 0 : String(value).length)));
      return { type: 'N', length, decimals: 0, cell: (value) => padded(ascii(value === null ? '' : String(value)), length, true) };
    }
    case 'number': {
      const numbers = values.filter((value): value is number => typeof value === 'number');
      const decimals = Math.max(0, ...numbers.map(decimalsOf));
      const length = Math.max(decimals + 3, ...numbers.map((value) => value.toFixed(decimals).length));
      return {
        type: 'F',
        length,
        decimals,
        cell: (value) => padded(ascii(typeof value === 'number' ? value.toFixed(decimals) : ''), length, true),
      };
    }
    case 'boolean':
      return { type: 'L', length: 1, decimals: 0, cell: (value) => ascii(value === null ? '?' : value ? 'T' : 'F') };
    case 'date':
      return {
        type: 'D',
        length: 8,
        decimals: 0,
        cell: (value) => padded(ascii(typeof value === 'string' ? value.replaceAll('-', '') : ''), 8, false),
      };
  }
}

/** The dBase III "language driver" byte: 0x4D is code page 936 (GBK), for readers that ignore the .cpg. */
const LANGUAGE_DRIVER: Record<DbfEncoding, number> = { 'utf-8': 0, gbk: 0x4d };

/** A dBase III table (.dbf) of records given as values in column order; `today` is the header's update date. */
export function writeDbf(
  columns: readonly DbfColumn[],
  records: readonly AttributeValue[][],
  encoding: DbfEncoding,
  today: Date,
): Uint8Array {
  const layouts = columns.map((column, at) =>
    layout(
      column,
      records.map((record) => record[at] ?? null),
      encoder(encoding, column.name),
    ),
  );
  const headerLength = 32 + 32 * columns.length + 1;
  const recordLength = 1 + layouts.reduce((sum, field) => sum + field.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * records.length + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([today.getUTCFullYear() - 1900, today.getUTCMonth() + 1, today.getUTCDate()], 1);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = LANGUAGE_DRIVER[encoding];
  columns.forEach((column, at) => {
    const field = layouts[at] as FieldLayout;
    const offset = 32 + 32 * at;
    bytes.set(ascii(column.name.slice(0, 10)), offset);
    bytes[offset + 11] = field.type.charCodeAt(0);
    bytes[offset + 16] = field.length;
    bytes[offset + 17] = field.decimals;
  });
  bytes[headerLength - 1] = 0x0d;
  records.forEach((record, row) => {
    let offset = headerLength + recordLength * row;
    bytes[offset] = 0x20;
    offset += 1;
    layouts.forEach((field, at) => {
      bytes.set(field.cell(record[at] ?? null), offset);
      offset += field.length;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}
