/**
 * Figures of the wall screen and the reports: one set of query functions taking (db, scope), used by the
 * screen API, the monthly report (PDF, XLSX) and the annual summary alike.
 */

export * from './hazards';
export * from './incidents';
export * from './passages';
export * from './people';
export * from './period';
export * from './report-details';
export * from './scope';
