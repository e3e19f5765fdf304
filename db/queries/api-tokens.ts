import { sql } from 'kysely';
import type { Actor } from '../../lib/auth/actor';
import type { Db } from '../schema';
import { writeAudit } from './audit';

/** A token as its owner sees it: never the secret, nor its hash. */
export interface ApiTokenRow {
  id: number;
  name: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const utc = (column: 'created_at' | 'expires_at' | 'revoked_at' | 'last_used_at') =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as(column);

const TOKEN_COLUMNS = ['id', 'name', utc('created_at'), utc('expires_at'), utc('revoked_at'), utc('last_used_at')] as const;

type AuditActor = { name: string; role: string | null };

export async function createApiToken(
  db: Db,
  token: { userId: number; name: string; tokenHash: string; days: number },
  actor: AuditActor,
  requestId: string,
): Promise<ApiTokenRow> {
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('api_tokens')
      .values({
        user_id: token.userId,
        name: token.name,
        token_hash: token.tokenHash,
        expires_at: sql<Date>`now() + make_interval(days => ${token.days}::int)`,
      })
      .returning(TOKEN_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actor,
      action: 'create',
      table: 'api_tokens',
      recordId: created.id,
      villageCode: null,
      after: { id: created.id, user_id: token.userId, name: created.name, expires_at: created.expires_at },
      requestId,
    });
    return created;
  });
}

/** A user's own tokens, newest first. */
export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

/** Revokes one of the user's own tokens; undefined when the user has no such token. Revoking twice keeps the first time. */
export async function revokeApiToken(
  db: Db,
  userId: number,
  id: number,
  actor: AuditActor,
  requestId: string,
): Promise<ApiTokenRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning(TOKEN_COLUMNS)
      .executeTakeFirst();
    if (!revoked) return undefined;
    await writeAudit(trx, {
      actor,
      action: 'update',
      table: 'api_tokens',
      recordId: id,
      villageCode: null,
      after: { id, name: revoked.name, revoked_at: revoked.revoked_at },
      requestId,
    });
    return revoked;
  });
}

export type TokenLookup = { status: 'valid'; actor: Actor } | { status: 'unknown' | 'revoked' | 'expired' | 'inactive' };

/**
 * The actor a token acts for, or why it does not. A valid use stamps `last_used_at`, at most once a minute,
 * so a client paging through a layer writes one row update rather than one per page.
 */
export async function actorForApiToken(db: Db, tokenHash: string): Promise<TokenLookup> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id as token_id',
      't.name as token_name',
      sql<boolean>`t.revoked_at IS NOT NULL`.as('revoked'),
      sql<boolean>`t.expires_at <= now()`.as('expired'),
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.villages',
      'u.active',
      'u.must_change_password',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return { status: 'unknown' };
  if (row.revoked) return { status: 'revoked' };
  if (row.expired) return { status: 'expired' };
  if (!row.active) return { status: 'inactive' };
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', row.token_id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
  return {
    status: 'valid',
    actor: {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      villages: row.villages,
      sessionId: tokenHash,
      mustChangePassword: row.must_change_password,
      token: { id: row.token_id, name: row.token_name },
    },
  };
}
