import type { Db } from './schema';

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one. A write that commits with
 * something the caller adds (a route's stored idempotent answer) joins the caller's transaction this way.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
