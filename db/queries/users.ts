import { sql } from 'kysely';
import type { Actor } from '../../lib/auth/actor';
import type { Role } from '../../lib/domain/enums';
import type { Db } from '../schema';
import { writeAudit } from './audit';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  villages: string[] | null;
  active: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

const USER_COLUMNS = sql`id, username, display_name, role, villages, active, version,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`;

/** The part of a user the audit log keeps (never the password hash). */
function auditView(user: UserRow) {
  const { id, username, display_name, role, villages, active, version } = user;
  return { id, username, display_name, role, villages, active, version };
}

export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(`username "${username}" is already taken`);
    this.name = 'UsernameTakenError';
  }
}

export class StaleUserError extends Error {
  constructor(readonly current: UserRow) {
    super(`the user was changed by someone else (now version ${current.version})`);
    this.name = 'StaleUserError';
  }
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  villages: string[] | null;
  passwordHash: string;
}

type AuditActor = { name: string; role: string | null };

export async function createUser(db: Db, user: NewUser, actor: AuditActor, requestId?: string): Promise<UserRow> {
  return db.transaction().execute(async (trx) => {
    const taken = await sql`SELECT 1 FROM users WHERE username = ${user.username}`.execute(trx);
    if (taken.rows.length > 0) throw new UsernameTakenError(user.username);
    const result = await sql<UserRow>`
      INSERT INTO users (username, display_name, role, villages, password_hash)
      VALUES (${user.username}, ${user.displayName}, ${user.role}, ${user.villages}::text[], ${user.passwordHash})
      RETURNING ${USER_COLUMNS}`.execute(trx);
    const created = result.rows[0]!;
    await writeAudit(trx, {
      actor,
      action: 'create',
      table: 'users',
      recordId: created.id,
      villageCode: null,
      after: auditView(created),
      requestId,
    });
    return created;
  });
}

export async function countUsers(db: Db): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(db);
  return result.rows[0]!.n;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const result = await sql<UserRow>`SELECT ${USER_COLUMNS} FROM users ORDER BY id`.execute(db);
  return result.rows;
}

export async function findUser(db: Db, id: number): Promise<UserRow | null> {
  const result = await sql<UserRow>`SELECT ${USER_COLUMNS} FROM users WHERE id = ${id}`.execute(db);
  return result.rows[0] ?? null;
}

/** What sign-in needs: the hash and whether the account may sign in. */
export async function findCredentials(db: Db, username: string) {
  const result = await sql<{ id: number; password_hash: string; active: boolean }>`
    SELECT id, password_hash, active FROM users WHERE username = ${username}`.execute(db);
  return result.rows[0] ?? null;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  villages?: string[] | null;
  active?: boolean;
  passwordHash?: string;
}

/**
 * Changes a user under an optimistic version check. Deactivating a user, changing their role or scope, or
 * setting a new password ends all their sessions in the same transaction, so the change applies at once.
 */
export async function updateUser(
  db: Db,
  id: number,
  version: number,
  changes: UserChanges,
  actor: AuditActor,
  requestId?: string,
): Promise<UserRow | null> {
  return db.transaction().execute(async (trx) => {
    const before = (await sql<UserRow>`SELECT ${USER_COLUMNS} FROM users WHERE id = ${id} FOR UPDATE`.execute(trx)).rows[0];
    if (!before) return null;
    if (before.version !== version) throw new StaleUserError(before);
    const role = changes.role ?? before.role;
    const villages = changes.villages !== undefined ? changes.villages : changes.role ? null : before.villages;
    const result = await sql<UserRow>`
      UPDATE users SET
        display_name = ${changes.displayName ?? before.display_name},
        role = ${role},
        villages = ${villages}::text[],
        active = ${changes.active ?? before.active},
        password_hash = coalesce(${changes.passwordHash ?? null}, password_hash),
        version = version + 1, updated_at = now()
      WHERE id = ${id}
      RETURNING ${USER_COLUMNS}`.execute(trx);
    const after = result.rows[0]!;
    const accessChanged =
      !after.active ||
      after.role !== before.role ||
      JSON.stringify(after.villages) !== JSON.stringify(before.villages) ||
      changes.passwordHash !== undefined;
    if (accessChanged) await sql`DELETE FROM sessions WHERE user_id = ${id}`.execute(trx);
    const auditAfter = { ...auditView(after), ...(changes.passwordHash ? { password: 'changed' } : {}) };
    await writeAudit(trx, {
      actor,
      action: 'update',
      table: 'users',
      recordId: id,
      villageCode: null,
      before: auditView(before),
      after: auditAfter,
      requestId,
    });
    return after;
  });
}

/** The actor a session token belongs to, or null when it is unknown, expired or the user is inactive. */
export async function actorForSession(db: Db, tokenHash: string): Promise<Actor | null> {
  const result = await sql<{ id: number; username: string; display_name: string; role: Role; villages: string[] | null }>`
    SELECT u.id, u.username, u.display_name, u.role, u.villages
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${tokenHash} AND s.expires_at > now() AND u.active`.execute(db);
  const row = result.rows[0];
  if (!row) return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    villages: row.villages,
    sessionId: tokenHash,
  };
}

export async function createSession(
  db: Db,
  session: { tokenHash: string; userId: number; hours: number; ip: string | null; userAgent: string | null },
): Promise<void> {
  await sql`
    INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent)
    VALUES (${session.tokenHash}, ${session.userId}, now() + make_interval(hours => ${session.hours}::int), ${session.ip},
      ${session.userAgent?.slice(0, 300) ?? null})`.execute(db);
  // Expired sessions are of no use; clear them while we are here.
  await sql`DELETE FROM sessions WHERE expires_at < now()`.execute(db);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`.execute(db);
}

export async function recordSignInAttempt(db: Db, username: string, ip: string | null, succeeded: boolean): Promise<void> {
  await sql`INSERT INTO sign_in_attempts (username, ip, succeeded) VALUES (${username.slice(0, 100)}, ${ip}, ${succeeded})`.execute(db);
}

/** Failed sign-ins in the last `minutes` for this username, and from this address. */
export async function recentFailures(db: Db, username: string, ip: string | null, minutes: number) {
  const result = await sql<{ by_username: number; by_ip: number }>`
    SELECT count(*) FILTER (WHERE username = ${username})::int AS by_username,
      count(*) FILTER (WHERE ip IS NOT DISTINCT FROM ${ip})::int AS by_ip
    FROM sign_in_attempts
    WHERE NOT succeeded AND at > now() - make_interval(mins => ${minutes}::int)
      AND (username = ${username} OR ip IS NOT DISTINCT FROM ${ip})`.execute(db);
  return { byUsername: result.rows[0]!.by_username, byIp: result.rows[0]!.by_ip };
}
