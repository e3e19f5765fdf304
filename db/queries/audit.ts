import { type ExpressionBuilder, sql } from 'kysely';
import type { Database, Db } from '../schema';

export type AuditAction = 'create' | 'update' | 'transition' | 'delete' | 'import' | 'seed';

export interface AuditEntry {
  actor: { name: string; role: string | null };
  action: AuditAction;
  table: string;
  recordId: string | number | null;
  villageCode: string | null;
  before?: unknown;
  after?: unknown;
  /** The request that made the change (the proxy's id), or a run id of the system's own (`seed-…`). */
  requestId: string;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Appends one row to the audit trail; call it inside the transaction that makes the change. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor.name,
      role: entry.actor.role,
      action: entry.action,
      table_name: entry.table,
      record_id: entry.recordId === null ? null : String(entry.recordId),
      village_code: entry.villageCode,
      before: json(entry.before),
      after: json(entry.after),
      request_id: entry.requestId,
    })
    .execute();
}

/**
 * A request id for changes the system makes on its own (loading the demo data, the first accounts, a command
 * line tool): the purpose and a fresh UUID, so one run's audit rows share an id and no two runs do.
 */
export function systemRequestId(purpose: 'seed' | 'startup' | 'cli'): string {
  return `${purpose}-${crypto.randomUUID()}`;
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
  const matching = ({ eb, and }: ExpressionBuilder<Database, 'audit_log'>) => {
    const parts = [];
    if (filter.actor) parts.push(eb('actor', '=', filter.actor));
    if (filter.villages && filter.villages.length > 0) parts.push(eb('village_code', 'in', filter.villages));
    if (filter.table) parts.push(eb('table_name', '=', filter.table));
    if (filter.recordId) parts.push(eb('record_id', '=', filter.recordId));
    if (filter.from) parts.push(eb('at', '>=', sql<Date>`${filter.from}::timestamptz`));
    if (filter.to) parts.push(eb('at', '<', sql<Date>`(${filter.to}::date + 1)`));
    return and(parts);
  };
  const [rows, count] = await Promise.all([
    db
      .selectFrom('audit_log')
      .select([
        sql<string>`id::text`.as('id'),
        sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('at'),
        'actor',
        'role',
        'action',
        'table_name',
        'record_id',
        'village_code',
        'before',
        'after',
        'request_id',
      ])
      .where(matching)
      .orderBy('audit_log.at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('audit_log')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where(matching)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows satisfies AuditRow[], total: count.n };
}

/** What the audit page shows instead of ids and codes: people's names, village names, hazard and building labels. */
export interface AuditNames {
  /** Display name by username (the actors) and by user id (records of `users`). */
  users: Record<string, string>;
  userIds: Record<string, string>;
  villages: Record<string, string>;
  /** A hazard's code and the start of its description, by id. */
  hazards: Record<string, { code: string; title: string }>;
  /** A building's code and name, by id. */
  buildings: Record<string, { code: string; name: string | null }>;
}

/** Hazard records are audited under these tables with the hazard's id (a photo's row has its own id). */
const HAZARD_TABLES = ['hazards', 'hazard_events'];
const BUILDING_FIELDS = ['building_id', 'paired_building_id'];

const wholeNumbers = (values: Iterable<unknown>) => [
  ...new Set([...values].map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= 2_147_483_647)),
];

/** The start of a hazard's description, as its title beside the code. */
const shortTitle = (description: string) => (description.length > 40 ? `${description.slice(0, 40)}…` : description);

/** The names behind the ids and codes of some audit rows, looked up in one go. */
export async function auditNames(db: Db, rows: readonly AuditRow[]): Promise<AuditNames> {
  const states = rows
    .flatMap((row) => [row.before, row.after])
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  const usernames = [...new Set(rows.map((row) => row.actor))];
  const userIds = wholeNumbers(rows.filter((row) => row.table_name === 'users').map((row) => row.record_id));
  const hazardIds = wholeNumbers([
    ...rows.filter((row) => HAZARD_TABLES.includes(row.table_name)).map((row) => row.record_id),
    ...states.map((state) => state.hazard_id),
  ]);
  const buildingIds = wholeNumbers(states.flatMap((state) => BUILDING_FIELDS.map((field) => state[field])));
  const [users, villages, hazards, buildings] = await Promise.all([
    usernames.length || userIds.length
      ? db
          .selectFrom('users')
          .select(['id', 'username', 'display_name'])
          .where((eb) =>
            eb.or([...(usernames.length ? [eb('username', 'in', usernames)] : []), ...(userIds.length ? [eb('id', 'in', userIds)] : [])]),
          )
          .execute()
      : [],
    db.selectFrom('villages').select(['code', 'name']).execute(),
    hazardIds.length ? db.selectFrom('hazards').select(['id', 'code', 'description']).where('id', 'in', hazardIds).execute() : [],
    buildingIds.length ? db.selectFrom('buildings').select(['id', 'code', 'name']).where('id', 'in', buildingIds).execute() : [],
  ]);
  return {
    users: Object.fromEntries(users.filter((u) => usernames.includes(u.username)).map((u) => [u.username, u.display_name])),
    userIds: Object.fromEntries(users.filter((u) => userIds.includes(u.id)).map((u) => [String(u.id), u.display_name])),
    villages: Object.fromEntries(villages.map((v) => [v.code, v.name])),
    hazards: Object.fromEntries(hazards.map((h) => [String(h.id), { code: h.code, title: shortTitle(h.description) }])),
    buildings: Object.fromEntries(buildings.map((b) => [String(b.id), { code: b.code, name: b.name }])),
  };
}
