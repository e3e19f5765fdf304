import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  HAZARD_EXPORT_COLUMNS,
  HAZARD_SHEET_NAME,
  type HazardExportRow,
  hazardRowsFromCollection,
  hazardsToGeoJson,
  type TableColumn,
  toCsv,
  toXlsx,
} from '../../lib/export';
import { readTable } from '../../lib/import';

const row = (overrides: Partial<HazardExportRow>): HazardExportRow => ({
  id: 1,
  code: 'YH-001',
  village_code: '141121104201',
  village_name: '刘胡兰村',
  category: 'passage',
  place_type: null,
  severity: 'major',
  criterion: null,
  rule_id: null,
  measured: null,
  description: '通道堵塞',
  found_on: '2026-03-01',
  deadline: '2026-05-30',
  status: 'pending',
  responsible_person: '张三',
  closed_on: null,
  version: 1,
  overdue: true,
  rule_clause: null,
  lon: 112.096,
  lat: 37.365,
  ...overrides,
});

const ROWS: HazardExportRow[] = [
  row({}),
  row({
    id: 2,
    code: 'YH-002',
    category: 'spacing',
    place_type: 'self_built',
    severity: 'general',
    status: 'closed',
    overdue: false,
    criterion: 'GB 50039 表5.0.3',
    rule_id: 'GB50039.spacing.3.4',
    rule_clause: 'GB 50039-2010《农村防火规范》',
    measured: 3.25,
    description: '间距不足, "约3米"\r\n需拆除柴棚',
    closed_on: '2026-04-02',
    responsible_person: null,
  }),
  row({ id: 3, code: '=1+1', description: "+cmd|' /C calc'!A0", responsible_person: '-2', village_name: '@SUM(A1:A9)' }),
  row({ id: 4, code: 'YH-004', description: '\t=HYPERLINK("http://x")', measured: -2, lon: null, lat: null }),
];

// The same rows as the office would read them, written out by hand (labels from zh-CN.ts).
const HEADER = [
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
];
const EXPECTED_CELLS = [
  [
    'YH-001',
    '刘胡兰村',
    '消防车通道',
    '',
    '重大隐患',
    '待整改',
    '是',
    '2026-03-01',
    '2026-05-30',
    '张三',
    '通道堵塞',
    '',
    '',
    '112.096',
    '37.365',
    '',
  ],
  [
    'YH-002',
    '刘胡兰村',
    '防火间距',
    '自建房',
    '一般隐患',
    '已销号',
    '否',
    '2026-03-01',
    '2026-05-30',
    '',
    '间距不足, "约3米"\r\n需拆除柴棚',
    'GB 50039 表5.0.3 / 农村建筑防火间距（三级与四级）（GB 50039-2010《农村防火规范》）',
    '3.25',
    '112.096',
    '37.365',
    '2026-04-02',
  ],
  [
    "'=1+1",
    "'@SUM(A1:A9)",
    '消防车通道',
    '',
    '重大隐患',
    '待整改',
    '是',
    '2026-03-01',
    '2026-05-30',
    "'-2",
    "'+cmd|' /C calc'!A0",
    '',
    '',
    '112.096',
    '37.365',
    '',
  ],
  [
    'YH-004',
    '刘胡兰村',
    '消防车通道',
    '',
    '重大隐患',
    '待整改',
    '是',
    '2026-03-01',
    '2026-05-30',
    '张三',
    '\'\t=HYPERLINK("http://x")',
    '',
    '-2',
    '',
    '',
    '',
  ],
];

describe('CSV export', () => {
  it('writes a BOM, CRLF lines and RFC 4180 quoting, exactly', () => {
    const columns: TableColumn<{ a: string; b: number | null }>[] = [
      { header: '名称', value: (r) => r.a },
      { header: 'n', value: (r) => r.b },
    ];
    const bytes = toCsv(
      [
        { a: 'x,y', b: 1.5 },
        { a: 'say "hi"', b: null },
        { a: 'two\nlines', b: -3 },
      ],
      columns,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('名称,n\r\n"x,y",1.5\r\n"say ""hi""",\r\n"two\nlines",-3\r\n');
  });

  it('neutralises formula-like text but not numbers', () => {
    const columns: TableColumn<{ v: string | number }>[] = [{ header: 'v', value: (r) => r.v }];
    const text = toCsv(
      ['=1+1', '+cmd', '-2', '@SUM(A1)', '\tx', '\rx', 'a=b', -2].map((v) => ({ v })),
      columns,
    ).toString('utf8');
    expect(text.slice(1).split('\r\n')).toEqual(['v', "'=1+1", "'+cmd", "'-2", "'@SUM(A1)", "'\tx", '"\'\rx"', 'a=b', '-2', '']);
  });

  it('round-trips the hazard list through the CSV reader', async () => {
    const table = await readTable(toCsv(ROWS, HAZARD_EXPORT_COLUMNS), 'hazards.csv');
    expect(table.headers).toEqual(HEADER);
    // The reader drops the apostrophe the writer put in front of a formula character.
    const unprefixed = EXPECTED_CELLS.map((cells) => cells.map((cell) => cell.replace(/^'(?=[=+\-@\t\r])/, '')));
    expect(table.rows).toEqual(unprefixed);
    expect(table.rowNumbers).toEqual([2, 3, 4, 5]);
  });

  it('keeps the apostrophe in the bytes Excel opens', () => {
    const text = toCsv(ROWS, HAZARD_EXPORT_COLUMNS).toString('utf8');
    expect(text).toContain("\r\n'=1+1,'@SUM(A1:A9),");
    expect(text).not.toMatch(/(^|[,\n])[=+@\t]/);
    // A minus starts only real numbers (measured -2), never text.
    expect(text).not.toMatch(/(^|[,\n])-(?![\d.]+(,|\r\n))/);
  });
});

// In a cell, line breaks are LF (XML reads a CR as LF anyway).
const XLSX_CELLS = EXPECTED_CELLS.map((cells) => cells.map((cell) => cell.replace(/\r\n/g, '\n')));

describe('XLSX export', () => {
  it('writes one sheet 隐患清单 with a bold frozen filtered header, plain strings and numbers, no formulas', async () => {
    const bytes = await toXlsx(ROWS, HAZARD_EXPORT_COLUMNS, { sheetName: HAZARD_SHEET_NAME });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['隐患清单']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).font?.bold ?? sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(5);

    const read: string[][] = [];
    const types = new Set<ExcelJS.ValueType>();
    for (let r = 1; r <= 5; r++) {
      const cells: string[] = [];
      for (let c = 1; c <= HEADER.length; c++) {
        const cell = sheet.getCell(r, c);
        types.add(cell.type);
        cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
      }
      read.push(cells);
    }
    expect(types.has(ExcelJS.ValueType.Formula)).toBe(false);
    expect(read).toEqual([HEADER, ...XLSX_CELLS]);
    // Numbers stay numbers (measured, lon, lat), so the office can sum and sort them.
    expect(sheet.getCell(3, 13).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell(2, 14).value).toBe(112.096);
    // Widths: the description column is wider than the village column, all within 6–60.
    const widths = sheet.columns.map((column) => column.width ?? 0);
    expect(widths.every((width) => width >= 6 && width <= 60)).toBe(true);
    expect(widths[10]).toBeGreaterThan(widths[1]!);
  });

  it('is read back by the import reader with the same cells', async () => {
    const table = await readTable(await toXlsx(ROWS, HAZARD_EXPORT_COLUMNS, { sheetName: HAZARD_SHEET_NAME }), 'x.xlsx');
    expect(table.headers).toEqual(HEADER);
    expect(table.rows).toEqual(XLSX_CELLS.map((cells) => cells.map((cell) => cell.replace(/^'(?=[=+\-@\t\r])/, ''))));
  });
});

describe('GeoJSON export', () => {
  it('writes an RFC 7946 FeatureCollection of points in lon/lat, null geometry without a position', () => {
    const collection = JSON.parse(hazardsToGeoJson(ROWS));
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.crs).toBeUndefined();
    expect(collection.features).toHaveLength(4);
    expect(collection.features[0]).toEqual({
      type: 'Feature',
      id: 1,
      geometry: { type: 'Point', coordinates: [112.096, 37.365] },
      properties: expect.objectContaining({ code: 'YH-001', severity: 'major', overdue: true }),
    });
    expect(collection.features[0].properties).not.toHaveProperty('lon');
    expect(collection.features[3].geometry).toBeNull();
  });

  it('turns the list query collection into export rows', () => {
    const rows = hazardRowsFromCollection(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [112.1, 37.3] }, properties: { id: 9, code: 'H9' } }],
      }),
    );
    expect(rows).toEqual([{ id: 9, code: 'H9', lon: 112.1, lat: 37.3 }]);
  });
});
