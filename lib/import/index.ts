export { readTable } from './read-table';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, TableReadError, type ImportTable } from './table';
export {
  HAZARD_IMPORT_FIELD_LABELS, HAZARD_IMPORT_FIELDS, normalizeHeader, suggestMapping, type HazardColumnMapping,
  type HazardImportField,
} from './hazard-mapping';
export { validateRows, villageLookup, type HazardImportInput, type ImportRowError, type VillageLookup } from './validate-rows';
