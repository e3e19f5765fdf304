import { type ExpressionBuilder, sql } from 'kysely';
import type { Actor } from '../../lib/auth/actor';
import type { Role } from '../../lib/domain/enums';
import { say } from '../../lib/i18n/say';
import type { Database, Db } from '../schema';
import { writeAudit } from './audit';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  villages: string[] | null;
  active: boolean;
  must_change_password: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

const utcInstant = (column: 'created_at' | 'updated_at') =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as(column);

/** The columns of a UserRow (never the password hash). */
const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'villages',
  'active',
  'must_change_password',
  'version',
  utcInstant('created_at'),
  utcInstant('updated_at'),
] as const;

/** The part of a user the audit log keeps (never the password hash). */
function auditView(user: UserRow) {
  const { id, username, display_name, role, villages, active, must_change_password, version } = user;
  return { id, username, display_name, role, villages, active, must_change_password, version };
}

export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(say(`用户名“${username}”已被占用`, `username "${username}" is already taken`));
    this.name = 'UsernameTakenError';
  }
}

export class StaleUserError extends Error {
  constructor(readonly current: UserRow) {
    super(
      say(`该用户已被他人修改（现为第 ${current.version} 版）`, `the user was changed by someone else (now version ${current.version})`),
    );
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

export async function createUser(db: Db, user: NewUser, actor: AuditActor, requestId: string): Promise<UserRow> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', user.username).executeTakeFirst();
    if (taken) throw new UsernameTakenError(user.username);
    const created = await trx
      .insertInto('users')
      .values({
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        villages: user.villages,
        password_hash: user.passwordHash,
      })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
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
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').select(USER_COLUMNS).orderBy('id').execute();
}

export async function findUser(db: Db, id: number): Promise<UserRow | null> {
  return (await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** What sign-in needs: the hash and whether the account may sign in. */
export async function findCredentials(db: Db, username: string) {
  const credentials = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active'])
    .where('username', '=', username)
    .executeTakeFirst();
  return credentials ?? null;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  villages?: string[] | null;
  active?: boolean;
  passwordHash?: string;
  /** With a new password hash: an administrator's reset (true) makes the user choose their own at next sign-in. */
  mustChangePassword?: boolean;
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
  requestId: string,
): Promise<UserRow | null> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) return null;
    if (before.version !== version) throw new StaleUserError(before);
    const role = changes.role ?? before.role;
    const villages = changes.villages !== undefined ? changes.villages : changes.role ? null : before.villages;
    const after = await trx
      .updateTable('users')
      .set({
        display_name: changes.displayName ?? before.display_name,
        role,
        villages,
        active: changes.active ?? before.active,
        ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
        ...(changes.mustChangePassword !== undefined ? { must_change_password: changes.mustChangePassword } : {}),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    const accessChanged =
      !after.active ||
      after.role !== before.role ||
      JSON.stringify(after.villages) !== JSON.stringify(before.villages) ||
      changes.passwordHash !== undefined;
    if (accessChanged) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const auditAfter = {
      ...auditView(after),
      ...(changes.passwordHash ? { password: changes.mustChangePassword ? 'reset' : 'changed' } : {}),
    };
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

const ACTOR_COLUMNS = ['u.id', 'u.username', 'u.display_name', 'u.role', 'u.villages', 'u.must_change_password'] as const;

function actorOf(
  row: { id: number; username: string; display_name: string; role: Role; villages: string[] | null; must_change_password: boolean },
  sessionId: string,
): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    villages: row.villages,
    sessionId,
    mustChangePassword: row.must_change_password,
  };
}

/** The actor a session token belongs to, or null when it is unknown, expired or the user is inactive. */
export async function actorForSession(db: Db, tokenHash: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(ACTOR_COLUMNS)
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row ? actorOf(row, tokenHash) : null;
}

/** An active user as the actor of a server-side replay of their requests (`sessionId` names the replay). */
export async function actorForUser(db: Db, userId: number, sessionId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users as u')
    .select(ACTOR_COLUMNS)
    .where('u.id', '=', userId)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row ? actorOf(row, sessionId) : null;
}

/**
 * The user's own new password: it replaces the old (or temporary) one, clears the must-change flag and ends
 * every other session of theirs, keeping the one they changed it in.
 */
export async function changeOwnPassword(
  db: Db,
  change: { userId: number; sessionId: string; passwordHash: string },
  actor: AuditActor,
  requestId: string,
): Promise<UserRow> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(USER_COLUMNS).where('id', '=', change.userId).forUpdate().executeTakeFirstOrThrow();
    const after = await trx
      .updateTable('users')
      .set({ password_hash: change.passwordHash, must_change_password: false, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', change.userId)
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('sessions').where('user_id', '=', change.userId).where('token_hash', '<>', change.sessionId).execute();
    await writeAudit(trx, {
      actor,
      action: 'update',
      table: 'users',
      recordId: change.userId,
      villageCode: null,
      before: auditView(before),
      after: { ...auditView(after), password: 'changed' },
      requestId,
    });
    return after;
  });
}

/** The stored hash of a user's password, to check the current one before it is changed. */
export async function passwordHashOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash ?? null;
}

export async function createSession(
  db: Db,
  session: { tokenHash: string; userId: number; hours: number; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: sql<Date>`now() + make_interval(hours => ${session.hours}::int)`,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  // Expired sessions are of no use; clear them while we are here.
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function recordSignInAttempt(db: Db, username: string, ip: string | null, succeeded: boolean): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({ username: username.slice(0, 100), ip, succeeded })
    .execute();
}

/** Failed sign-ins in the last `minutes` for this username, and from this address. */
export async function recentFailures(db: Db, username: string, ip: string | null, minutes: number) {
  const fromAddress = (eb: ExpressionBuilder<Database, 'sign_in_attempts'>) => eb('ip', 'is not distinct from', ip);
  const counts = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => [
      eb.cast<number>(eb.fn.countAll().filterWhere('username', '=', username), 'integer').as('byUsername'),
      eb.cast<number>(eb.fn.countAll().filterWhere(fromAddress), 'integer').as('byIp'),
    ])
    .where('succeeded', '=', false)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${minutes}::int)`)
    .where((eb) => eb.or([eb('username', '=', username), fromAddress(eb)]))
    .executeTakeFirstOrThrow();
  return { byUsername: counts.byUsername, byIp: counts.byIp };
}
