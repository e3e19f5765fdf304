import { ImportRejectedError, importHazards } from '../../db/queries/hazard-records';
import type { Db } from '../../db/schema';
import type { ImportRowError } from '../import';

/** The check of an import file as the page shows it: headers, mapping, counts and every refused row. */
export interface ImportReport {
  errors: ImportRowError[];
  [field: string]: unknown;
}

/** Nothing was imported; the report lists the rows that must be fixed first (answered 422 with the report). */
export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly report: ImportReport,
  ) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

type ImportRequest = Parameters<typeof importHazards>;

/**
 * Records a checked import all at once. Rows the database refuses inside the transaction (a taken code, an
 * unknown building, a place outside the user's villages) are reported like the cells refused before it, so
 * the page shows them in the same table.
 */
export async function commitImport(
  db: Db,
  rows: ImportRequest[1],
  report: ImportReport,
  context: ImportRequest[2],
): Promise<{ created: number }> {
  try {
    return await importHazards(db, rows, context);
  } catch (error) {
    if (!(error instanceof ImportRejectedError)) throw error;
    const refused = error.problems.map((problem) => ({ row: problem.row, column: '', message: problem.message }));
    throw new ImportRefusedError(error.message, { ...report, errors: refused });
  }
}
