import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export type Engine = 'pglite' | 'postgres';

/** An open database on either engine: the same Kysely type, the same SQL. */
export interface DatabaseHandle {
  engine: Engine;
  db: Kysely<Database>;
  /** Embedded engine only: writes a consistent snapshot of the data folder (a tarball PGlite loads) to `out`. */
  snapshot?(out: string): Promise<void>;
  close(): Promise<void>;
}
