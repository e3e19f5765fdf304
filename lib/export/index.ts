export { toCsv } from './csv';
export { toXlsx, type XlsxOptions } from './xlsx';
export { toGeoJson, type FeatureOf } from './geojson';
export { cellText, neutralizeFormula, restoreNeutralized, type CellValue, type TableColumn } from './table';
export {
  HAZARD_EXPORT_COLUMNS, HAZARD_SHEET_NAME, hazardRowsFromCollection, hazardsToGeoJson, type HazardExportRow,
} from './hazard-columns';
