import { zipSync } from 'fflate';
import { toCsv } from '../csv';
import type { TableColumn } from '../table';
import { type DbfEncoding, writeDbf } from './dbf';
import type { ExportColumn, LayerExport } from './layer-export';
import { writeShapes } from './shapefile-shapes';
import { WGS84_ESRI_WKT } from './wgs84';

const FIELD_TABLE_COLUMNS: readonly TableColumn<ExportColumn>[] = [
  { header: 'Shapefile 字段', value: (column) => column.shapefileName },
  { header: '字段', value: (column) => column.name },
  { header: '中文名', value: (column) => column.zh },
  { header: 'English', value: (column) => column.en },
];

/**
 * A zipped Shapefile of one layer: .shp/.shx (polygons as ESRI rings, multipolygons as multi-part polygons),
 * .dbf in the chosen encoding with its .cpg, .prj (WGS 84) and `<layer>-fields.csv`, which spells out the
 * 10-character field names.
 */
export function layerToShapefile(layer: LayerExport, encoding: DbfEncoding, today: Date = new Date()): Uint8Array {
  const { shp, shx } = writeShapes(
    layer.geometryType,
    layer.features.map((feature) => feature.geometry),
  );
  const dbf = writeDbf(
    layer.columns.map((column) => ({ name: column.shapefileName, type: column.type })),
    layer.features.map((feature) => feature.values),
    encoding,
    today,
  );
  const stem = layer.tableName;
  const text = (value: string) => new TextEncoder().encode(value);
  return zipSync(
    {
      [`${stem}.shp`]: shp,
      [`${stem}.shx`]: shx,
      [`${stem}.dbf`]: dbf,
      [`${stem}.prj`]: text(WGS84_ESRI_WKT),
      [`${stem}.cpg`]: text(encoding === 'gbk' ? 'GBK' : 'UTF-8'),
      [`${stem}-fields.csv`]: new Uint8Array(toCsv(layer.columns, FIELD_TABLE_COLUMNS)),
    },
    { mtime: today },
  );
}
