export {
  HAZARD_IMPORT_FIELD_LABELS,
  HAZARD_IMPORT_FIELDS,
  type HazardColumnMapping,
  type HazardImportField,
  normalizeHeader,
  suggestMapping,
} from './hazard-mapping';
export { readTable } from './read-table';
export { type ImportTable, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, TableReadError } from './table';
export { type HazardImportInput, type ImportRowError, type VillageLookup, validateRows, villageLookup } from './validate-rows';
