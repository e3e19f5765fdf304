import { sql } from 'kysely';
import type { Db } from '../schema';

export type AuditAction = 'create' | 'update' | 'transition' | 'delete' | 'import' | 'seed';

export interface AuditEntry {
  actor: { name: string; role: string | null };
  action: AuditAction;
  table: string;
  recordId: string | number | null;
  villageCode: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Appends one row to the audit trail; call it inside the transaction that makes the change. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await sql`
    INSERT INTO audit_log (actor, role, action, table_name, record_id, village_code, before, after, request_id)
    VALUES (${entry.actor.name}, ${entry.actor.role}, ${entry.action}, ${entry.table},
      ${entry.recordId === null ? null : String(entry.recordId)}, ${entry.villageCode},
      ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${entry.requestId ?? null})`.execute(db);
}

export interface AuditFilter {
  actor?: string;
  villages?: string[];
  table?: string;
  recordId?: string;
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  table_name: string;
  record_id: string | null;
  village_code: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

/** Audit rows, newest first; `from`/`to` are UTC instants or dates (to is inclusive of that day). */
export async function listAudit(db: Db, filter: AuditFilter, page: { limit: number; offset: number }) {
  const parts = [sql`true`];
  if (filter.actor) parts.push(sql`actor = ${filter.actor}`);
  if (filter.villages && filter.villages.length > 0) parts.push(sql`village_code = ANY(${filter.villages}::text[])`);
  if (filter.table) parts.push(sql`table_name = ${filter.table}`);
  if (filter.recordId) parts.push(sql`record_id = ${filter.recordId}`);
  if (filter.from) parts.push(sql`at >= ${filter.from}::timestamptz`);
  if (filter.to) parts.push(sql`at < (${filter.to}::date + 1)`);
  const where = sql.join(parts, sql` AND `);
  const [rows, count] = await Promise.all([
    sql<AuditRow>`
      SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, actor, role, action, table_name,
        record_id, village_code, before, after, request_id
      FROM audit_log WHERE ${where} ORDER BY audit_log.at DESC, audit_log.id DESC
      LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: count.rows[0]!.n };
}
