import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { actorForSession, createUser, StaleUserError, updateUser } from '../../db/queries/users';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureDemoAccounts, ensureInitialAdmin } from '../../db/seed/accounts';
import { TooManyRequestsError, UnauthorizedError } from '../../lib/api/errors';
import { hashPassword } from '../../lib/auth/password';
import { hashSessionToken } from '../../lib/auth/session-token';
import { SIGN_IN_LIMITS, signIn } from '../../lib/auth/sign-in';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

const SYSTEM = { name: 'test', role: null };

describe.each(testEngines)('accounts and sessions on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
    await ensureDemoAccounts(handle.db);
  });
  afterAll(() => handle?.close());

  const signInAs = (username: string, password = DEMO_PASSWORD, ip = '10.0.0.1') =>
    signIn(handle.db, { username, password, ip, userAgent: 'vitest' });

  it('creates one demo account per role, village officer on the seat village, and no admin from an empty env', async () => {
    const users = await sql<{ username: string; role: string; villages: string[] | null }>`
      SELECT username, role, villages FROM users ORDER BY id`.execute(handle.db);
    expect(users.rows.map((u) => u.role)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(users.rows.find((u) => u.role === 'village')!.villages).toEqual(['141121104201']);
    expect(users.rows.find((u) => u.role === 'inspector')!.villages).toEqual(['141121104201', '141121104202']);
    expect(users.rows.find((u) => u.role === 'office')!.villages).toBeNull();
    expect(await ensureInitialAdmin(handle.db, { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'long-enough-1' })).toBe(false);
  });

  it('signs in with the right password into a new session each time, and never stores the token', async () => {
    const first = await signInAs('inspector');
    const second = await signInAs('inspector');
    expect(first.token).not.toBe(second.token);
    const actor = await actorForSession(handle.db, hashSessionToken(first.token));
    expect(actor).toMatchObject({ username: 'inspector', role: 'inspector', villages: ['141121104201', '141121104202'] });
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions WHERE token_hash = ${first.token}`.execute(handle.db);
    expect(stored.rows[0]!.n).toBe(0);
    await expect(signInAs('inspector', 'wrong-password')).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(signInAs('nobody')).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it(`answers 429 after ${SIGN_IN_LIMITS.perUsername} failures for one username, even with the right password`, async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perUsername; i++) {
      await expect(signInAs('planner', `wrong-${i}`, `10.0.1.${i}`)).rejects.toBeInstanceOf(UnauthorizedError);
    }
    await expect(signInAs('planner', DEMO_PASSWORD, '10.0.2.1')).rejects.toBeInstanceOf(TooManyRequestsError);
    // Other users are not locked out by someone guessing this one.
    await expect(signInAs('leader', DEMO_PASSWORD, '10.0.2.2')).resolves.toHaveProperty('token');
  });

  it('ends every session of a user at once when the user is deactivated', async () => {
    const session = await signInAs('village');
    const user = await handle.db.selectFrom('users').select(['id', 'version']).where('username', '=', 'village').executeTakeFirstOrThrow();
    expect(await actorForSession(handle.db, hashSessionToken(session.token))).not.toBeNull();
    await updateUser(handle.db, user.id, user.version, { active: false }, SYSTEM, 'test');
    expect(await actorForSession(handle.db, hashSessionToken(session.token))).toBeNull();
    await expect(signInAs('village')).rejects.toBeInstanceOf(UnauthorizedError);
    const audit = await sql<{ before: { active: boolean }; after: { active: boolean } }>`
      SELECT before, after FROM audit_log WHERE table_name = 'users' AND record_id = ${String(user.id)} AND action = 'update'`.execute(
      handle.db,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({ before: expect.objectContaining({ active: true }), after: expect.objectContaining({ active: false }) }),
    ]);
    await expect(updateUser(handle.db, user.id, user.version, { active: true }, SYSTEM, 'test')).rejects.toBeInstanceOf(StaleUserError);
  });

  it('ends the sessions of a user whose villages change, so the old scope is not used a moment longer', async () => {
    const session = await signInAs('inspector', DEMO_PASSWORD, '10.0.3.1');
    const user = await handle.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('username', '=', 'inspector')
      .executeTakeFirstOrThrow();
    await updateUser(handle.db, user.id, user.version, { villages: ['141121104202'] }, SYSTEM, 'test');
    expect(await actorForSession(handle.db, hashSessionToken(session.token))).toBeNull();
    const again = await signInAs('inspector', DEMO_PASSWORD, '10.0.3.1');
    expect((await actorForSession(handle.db, hashSessionToken(again.token)))!.villages).toEqual(['141121104202']);
  });

  it('refuses role/village combinations that break the rules, in the database itself', async () => {
    const passwordHash = await hashPassword('irrelevant-1');
    const bad = [
      { username: 'v2', role: 'village' as const, villages: ['141121104201', '141121104202'] },
      { username: 'i2', role: 'inspector' as const, villages: null },
      { username: 'l2', role: 'leader' as const, villages: ['141121104201'] },
      { username: 'Bad Name', role: 'leader' as const, villages: null },
    ];
    for (const user of bad) {
      await expect(createUser(handle.db, { ...user, displayName: 'x', passwordHash }, SYSTEM, 'test')).rejects.toThrow();
    }
  });

  it('keeps the audit log append-only', async () => {
    await expect(sql`UPDATE audit_log SET actor = 'someone else'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
  });
});

describe.each(testEngines)('the first admin of a production database on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(() => handle?.close());

  it('is created from ADMIN_USERNAME/ADMIN_PASSWORD only while there are no users, and can sign in', async () => {
    await expect(ensureInitialAdmin(handle.db, { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'short' })).rejects.toThrow(/at least 8/);
    expect(await ensureInitialAdmin(handle.db, {})).toBe(false);
    expect(await ensureInitialAdmin(handle.db, { ADMIN_USERNAME: 'Root', ADMIN_PASSWORD: 'a-long-secret' })).toBe(true);
    expect(await ensureInitialAdmin(handle.db, { ADMIN_USERNAME: 'second', ADMIN_PASSWORD: 'a-long-secret' })).toBe(false);
    const users = await sql<{ username: string; role: string }>`SELECT username, role FROM users`.execute(handle.db);
    expect(users.rows).toEqual([{ username: 'root', role: 'admin' }]);
    await expect(signIn(handle.db, { username: 'root', password: 'a-long-secret', ip: null, userAgent: null })).resolves.toHaveProperty(
      'token',
    );
  });
});
