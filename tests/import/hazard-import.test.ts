import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ImportTable, MAX_IMPORT_BYTES, readTable, suggestMapping, TableReadError, validateRows } from '../../lib/import';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function xlsxOf(rows: ExcelJS.CellValue[][], build?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  build?.(sheet);
  workbook.addWorksheet('second').addRow(['ignored']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function readError(bytes: Uint8Array, name: string): Promise<TableReadError> {
  const error = await readTable(bytes, name).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TableReadError);
  return error as TableReadError;
}

describe('readTable: CSV', () => {
  it('reads BOM, CRLF and LF lines, quoted commas, quotes and line breaks, blank lines', async () => {
    const text = '\uFEFF编号,描述\r\nA1,"甲,乙"\nA2,"他说""好"""\r\n\r\nA3,"第一行\r\n第二行"\r\n';
    const table = await readTable(utf8(text), '清单.CSV');
    expect(table).toEqual({
      headers: ['编号', '描述'],
      headerRowNumber: 1,
      rows: [
        ['A1', '甲,乙'],
        ['A2', '他说"好"'],
        ['A3', '第一行\r\n第二行'],
      ],
      rowNumbers: [2, 3, 5],
    });
  });

  it('decodes a GBK/GB18030 CSV (what Excel in China saves)', async () => {
    // "村名,等级,描述\r\n刘胡兰村,重大,通道堵塞\r\n" in GB18030, byte by byte (村 = B4 E5, 重 = D6 D8, …).
    const bytes = new Uint8Array([
      0xb4, 0xe5, 0xc3, 0xfb, 0x2c, 0xb5, 0xc8, 0xbc, 0xb6, 0x2c, 0xc3, 0xe8, 0xca, 0xf6, 0x0d, 0x0a, 0xc1, 0xf5, 0xba, 0xfa, 0xc0, 0xbc,
      0xb4, 0xe5, 0x2c, 0xd6, 0xd8, 0xb4, 0xf3, 0x2c, 0xcd, 0xa8, 0xb5, 0xc0, 0xb6, 0xc2, 0xc8, 0xfb, 0x0d, 0x0a,
    ]);
    const table = await readTable(bytes, 'gbk.csv');
    expect(table.headers).toEqual(['村名', '等级', '描述']);
    expect(table.rows).toEqual([['刘胡兰村', '重大', '通道堵塞']]);
  });

  it('pads short rows to the header width', async () => {
    expect((await readTable(utf8('a,b,c\n1\n'), 'x.csv')).rows).toEqual([['1', '', '']]);
  });

  it('refuses malformed, binary, empty, oversized and unsupported files with a message', async () => {
    expect((await readError(utf8('a,b\n1,"open\n2,3\n'), 'x.csv')).message).toMatch(/line 2.*never closed/);
    expect((await readError(utf8('a,b\n"1"x,2\n'), 'x.csv')).message).toMatch(/after a closing quote on line 2/);
    expect((await readError(new Uint8Array([0x61, 0x00, 0x62]), 'x.csv')).message).toMatch(/binary/);
    expect((await readError(new Uint8Array(0), 'x.csv')).message).toMatch(/empty/);
    expect((await readError(utf8('\n\n'), 'x.csv')).message).toMatch(/no rows/);
    expect((await readError(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61), 'x.csv')).message).toMatch(/5 MB/);
    expect((await readError(utf8('a'), 'x.xls')).message).toMatch(/\.xls.*not supported/);
    expect((await readError(utf8('a'), 'x.pdf')).message).toMatch(/\.csv or \.xlsx/);
  });

  it('refuses more than 10,000 data rows', async () => {
    const ok = `a\n${'1\n'.repeat(10_000)}`;
    expect((await readTable(utf8(ok), 'x.csv')).rows).toHaveLength(10_000);
    expect((await readError(utf8(`${ok}1\n`), 'x.csv')).message).toMatch(/10001 data rows.*10000/);
  });
});

describe('readTable: XLSX', () => {
  it('reads the first sheet, dates as YYYY-MM-DD, numbers, rich text and formula results as text', async () => {
    const bytes = await xlsxOf(
      [['编号', '发现日期', '经度', '描述'], ['A1', new Date(Date.UTC(2026, 2, 1)), 112.0951, '通道'], [], ['A2', null, 112, 'x']],
      (sheet) => {
        sheet.getCell('D2').value = { richText: [{ text: '通道' }, { text: '堵塞', font: { bold: true } }] };
        sheet.getCell('C4').value = { formula: '100+12', result: 112 };
        sheet.getColumn(2).numFmt = 'yyyy/m/d';
      },
    );
    const table = await readTable(bytes, 'x.xlsx');
    expect(table.headers).toEqual(['编号', '发现日期', '经度', '描述']);
    expect(table.rows).toEqual([
      ['A1', '2026-03-01', '112.0951', '通道堵塞'],
      ['A2', '', '112', 'x'],
    ]);
    expect(table.rowNumbers).toEqual([2, 4]);
  });

  it('refuses random bytes, a zip that is not a workbook, and a text file named .xlsx', async () => {
    expect((await readError(new Uint8Array(randomBytes(4096)), 'x.xlsx')).message).toMatch(/not an \.xlsx/);
    const zipLike = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(2000)]);
    expect((await readError(zipLike, 'x.xlsx')).message).toMatch(/damaged or not a workbook/);
    expect((await readError(utf8('编号,描述\n1,2\n'), 'x.xlsx')).message).toMatch(/not an \.xlsx/);
  });

  it('refuses a workbook whose zip directory declares a huge expansion (zip bomb) before inflating it', async () => {
    const bytes = await xlsxOf([['a'], ['1']]);
    expect((await readTable(bytes, 'ok.xlsx')).rows).toEqual([['1']]);
    // Zip format: the end-of-central-directory record (PK\x05\x06) holds the directory offset at +16; each
    // directory entry (PK\x01\x02) holds its uncompressed size at +24. Claim 1.5 GB for the first entry.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = bytes.byteLength - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    const directory = view.getUint32(end + 16, true);
    expect(view.getUint32(directory, true)).toBe(0x02014b50);
    view.setUint32(directory + 24, 1_500_000_000, true);
    expect((await readError(bytes, 'bomb.xlsx')).message).toMatch(/expands to more than 200 MB/);
  });

  it('refuses a sheet with more than 10,000 data rows', async () => {
    const rows = [['a'], ...Array.from({ length: 10_001 }, (_, i) => [i])];
    expect((await readError(await xlsxOf(rows), 'big.xlsx')).message).toMatch(/10001 data rows/);
  });
});

describe('suggestMapping', () => {
  it('maps the office’s Chinese headers, full-width text and units, without using a column twice', () => {
    const headers = [
      '序号',
      '隐患编号',
      '行政村',
      '隐患类别',
      '场所类型',
      '隐患等级',
      '隐患描述及整改要求',
      '发现日期',
      '整改期限（天）',
      '责任人',
      '经度(°)',
      ' 纬度 ',
      '建筑编号',
      '备注',
    ];
    expect(suggestMapping(headers)).toEqual({
      code: 1,
      village: 2,
      category: 3,
      place_type: 4,
      severity: 5,
      description: 6,
      found_on: 7,
      deadline: 8,
      responsible_person: 9,
      lon: 10,
      lat: 11,
      building_code: 12,
    });
  });

  it('maps our own export and English headers', () => {
    expect(
      suggestMapping([
        '编号',
        '村',
        '类别',
        '场所类型',
        '等级',
        '状态',
        '是否逾期',
        '发现日期',
        '整改期限',
        '责任人',
        '描述',
        '依据条款/规则',
        '实测值',
        '经度',
        '纬度',
        '销号日期',
      ]),
    ).toEqual({
      code: 0,
      village: 1,
      category: 2,
      place_type: 3,
      severity: 4,
      found_on: 7,
      deadline: 8,
      responsible_person: 9,
      description: 10,
      criterion: 11,
      measured: 12,
      lon: 13,
      lat: 14,
    });
    expect(suggestMapping(['Village', 'Category', 'Severity', 'Description', 'Longitude', 'Latitude', 'Building_Code'])).toEqual({
      village: 0,
      category: 1,
      severity: 2,
      description: 3,
      lon: 4,
      lat: 5,
      building_code: 6,
    });
  });
});

describe('validateRows', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-06-01T04:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  const villages = {
    villagesByCode: new Map([
      ['141121104201', '刘胡兰村'],
      ['141121104202', '保贤村'],
    ]),
    villagesByName: new Map([
      ['刘胡兰村', '141121104201'],
      ['保贤村', '141121104202'],
    ]),
  };
  const HEADERS = ['编号', '村名', '类别', '等级', '描述', '发现日期', '整改期限', '经度', '纬度', '建筑编号', '告知方式', '告知日期'];
  const table = (rows: string[][]): ImportTable => ({
    headers: HEADERS,
    headerRowNumber: 1,
    rows,
    rowNumbers: rows.map((_, index) => index + 2),
  });

  it('turns good rows into inputs: labels or codes, village by name or code, defaults filled', () => {
    const rows = [
      ['A1', '刘胡兰村', '消防车通道', '重大隐患', '通道堵塞', '2026/3/1', '', '112.1', '37.37', '', '书面告知', '2026-03-02'],
      ['A2', '141121104202', 'straw', 'general', '柴草堆放', '2026年5月2日', '2026-05-09', '', '', 'B3', '', ''],
      ['A3', '保贤', '用火用油用气', '一般', '灶台', '', '', '112.2', '37.3', '', '', ''],
    ];
    const result = validateRows(table(rows), suggestMapping(HEADERS), villages);
    expect(result.errors).toEqual([]);
    expect(result.inputs).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'A1',
        village_code: '141121104201',
        category: 'passage',
        severity: 'major',
        found_on: '2026-03-01',
        deadline: '2026-05-30',
        location: { lon: 112.1, lat: 37.37 },
        notification: { method: 'written_notice', on: '2026-03-02' },
      }),
      expect.objectContaining({ row: 3, village_code: '141121104202', category: 'straw', deadline: '2026-05-09', building_code: 'B3' }),
      // No date: found today in China (2026-06-01), 一般 → 30 days.
      expect.objectContaining({
        row: 4,
        village_code: '141121104202',
        category: 'fire_use',
        found_on: '2026-06-01',
        deadline: '2026-07-01',
      }),
    ]);
    expect(result.inputs[1]).not.toHaveProperty('location');
  });

  it('reports every bad row and cell with the file row and the header text', () => {
    const good = ['A1', '刘胡兰村', '消防车通道', '重大', '通道堵塞', '2026-03-01', '', '112.1', '37.37', '', '', ''];
    const rows = [
      good,
      ['A2', '王家庄', '火灾', '特大', '', '2026-02-30', '', 'abc', '', '', '', ''],
      good.map((cell, i) => (i === 0 ? 'A3' : i === 7 ? '' : i === 8 ? '' : cell)),
      good.map((cell, i) => (i === 5 ? '2026-07-01' : i === 6 ? '2026-06-30' : cell)),
      good.map((cell, i) => (i === 0 ? 'A5' : i === 10 ? '微信' : i === 7 ? '12.1' : cell)),
      // Several problems in one row, the missing place among them: all are reported together.
      ['A7', '保贤村', '无此类别', '一般', '', '2026-03-01', '', '', '', '', '', ''],
    ];
    const { inputs, errors } = validateRows(table(rows), suggestMapping(HEADERS), villages);
    expect(inputs.map((input) => input.row)).toEqual([2]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '村名'],
      [3, '类别'],
      [3, '等级'],
      [3, '描述'],
      [3, '发现日期'],
      [3, '经度'],
      [3, '纬度'],
      [4, '经度'],
      [5, '编号'],
      [5, '发现日期'],
      [5, '整改期限'],
      [6, '经度'],
      [6, '告知日期'],
      [7, '类别'],
      [7, '描述'],
      [7, '经度'],
    ]);
    const message = (row: number, column: string) => errors.find((e) => e.row === row && e.column === column)!.message;
    expect(message(3, '村名')).toMatch(/unknown village "王家庄"/);
    expect(message(3, '等级')).toMatch(/"特大" is not one of 一般隐患、重大隐患/);
    expect(message(3, '发现日期')).toMatch(/"2026-02-30" is not a date/);
    expect(message(4, '经度')).toMatch(/longitude and latitude or a building code/);
    expect(message(5, '编号')).toMatch(/A1 is repeated \(first on row 2\)/);
    expect(message(5, '发现日期')).toMatch(/future/);
    expect(message(6, '经度')).toMatch(/between 73 and 136/);
    expect(message(6, '告知日期')).toMatch(/告知日期 is empty/);
    expect(message(7, '经度')).toMatch(/longitude and latitude or a building code/);
  });

  it('says which required columns are missing, on the header row', () => {
    const { inputs, errors } = validateRows(
      { headers: ['编号', '描述'], headerRowNumber: 3, rows: [['A1', 'x']], rowNumbers: [4] },
      { code: 0, description: 1 },
      villages,
    );
    expect(inputs).toEqual([]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '类别'],
      [3, '等级'],
      [3, '经度/纬度'],
    ]);
  });
});
