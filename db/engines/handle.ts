import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export type Engine = 'pglite' | 'postgres';

/** An open database on either engine: the same Kysely type, the same SQL. */
export interface DatabaseHandle {
  engine: Engine;
  db: Kysely<Database>;
  close(): Promise<void>;
}
