export { toCsv } from './csv';
export { type FeatureOf, toGeoJson } from './geojson';
export {
  HAZARD_EXPORT_COLUMNS,
  HAZARD_SHEET_NAME,
  type HazardExportRow,
  hazardRowsFromCollection,
  hazardsToGeoJson,
} from './hazard-columns';
export { type CellValue, cellText, neutralizeFormula, restoreNeutralized, type TableColumn } from './table';
export { toXlsx, type XlsxOptions } from './xlsx';
