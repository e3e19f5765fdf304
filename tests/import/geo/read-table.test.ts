import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { GeoFileError, readGeoFile } from '../../../lib/import/geo';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('readGeoFile: CSV and XLSX tables', () => {
  it('reads 经度/纬度 columns of a GBK CSV; an unreadable row gets no geometry; index is the Excel row', async () => {
    const csv =
      '名称,经度,纬度,备注\r\n刘胡兰村消防站,112.0012,37.4021,有水\r\n\r\n坏坐标,东经112,37.4,\r\n大辛村水池,112.0203,37.3954,\r\n';
    const contents = await readGeoFile({ name: '设施.csv', bytes: new Uint8Array(iconv.encode(csv, 'gbk')) });
    expect(contents.format).toBe('csv');
    expect(contents.coordinateColumns).toEqual({ x: '经度', y: '纬度' });
    expect(contents.fields).toEqual(['名称', '备注']);
    expect(contents.features).toEqual([
      { index: 2, geometry: { type: 'Point', coordinates: [112.0012, 37.4021] }, properties: { 名称: '刘胡兰村消防站', 备注: '有水' } },
      { index: 4, geometry: null, properties: { 名称: '坏坐标', 备注: null } },
      { index: 5, geometry: { type: 'Point', coordinates: [112.0203, 37.3954] }, properties: { 名称: '大辛村水池', 备注: null } },
    ]);
  });

  it('guesses X/Y and lon/lat headers, and takes the columns the user chose', async () => {
    const projected = await readGeoFile({ name: 'a.csv', bytes: utf8('编号,X,Y\n1,500088.3,4140312.5\n') });
    expect(projected.coordinateColumns).toEqual({ x: 'X', y: 'Y' });
    expect(projected.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [500088.3, 4140312.5] });
    const english = await readGeoFile({ name: 'a.csv', bytes: utf8('name,Longitude (deg),Lat\nA,112.1,37.5\n') });
    expect(english.coordinateColumns).toEqual({ x: 'Longitude (deg)', y: 'Lat' });
    const chosen = await readGeoFile(
      { name: 'a.csv', bytes: utf8('名称,甲,乙\nA,37.5,112.1\n') },
      { coordinateColumns: { x: '乙', y: '甲' } },
    );
    expect(chosen.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [112.1, 37.5] });
  });

  it('reads a WKT column of an .xlsx (polygons, multilines, EWKT)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['名称', 'WKT']);
    sheet.addRow(['院落', 'POLYGON ((112 37.4, 112.001 37.4, 112.001 37.401, 112 37.4))']);
    sheet.addRow(['道路', 'SRID=4326;MULTILINESTRING Z ((112 37.4 5, 112.01 37.41 6), (112.02 37.42 0, 112.03 37.43 0))']);
    sheet.addRow(['残缺', 'POLYGON ((112 37.4, 112.001']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const contents = await readGeoFile({ name: '图形.xlsx', bytes });
    expect(contents.format).toBe('xlsx');
    expect(contents.coordinateColumns).toEqual({ wkt: 'WKT' });
    expect(contents.features.map((feature) => [feature.index, feature.geometry])).toEqual([
      [
        2,
        {
          type: 'Polygon',
          coordinates: [
            [
              [112, 37.4],
              [112.001, 37.4],
              [112.001, 37.401],
              [112, 37.4],
            ],
          ],
        },
      ],
      [
        3,
        {
          type: 'MultiLineString',
          coordinates: [
            [
              [112, 37.4],
              [112.01, 37.41],
            ],
            [
              [112.02, 37.42],
              [112.03, 37.43],
            ],
          ],
        },
      ],
      [4, null],
    ]);
  });

  it('refuses a table without coordinate columns and a damaged workbook', async () => {
    const none = await readGeoFile({ name: 'a.csv', bytes: utf8('名称,地址\nA,刘胡兰村\n') }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(GeoFileError);
    expect((none as GeoFileError).code).toBe('no_features');
    const broken = await readGeoFile({ name: 'a.xlsx', bytes: utf8('PK\u0003\u0004 not really') }).catch((e: unknown) => e);
    expect((broken as GeoFileError).code).toBe('damaged_file');
  });
});
