import { sql } from 'kysely';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../lib/auth/password';
import type { Role } from '../../lib/domain/enums';
import { systemRequestId } from '../queries/audit';
import { countUsers, createUser } from '../queries/users';
import type { Db } from '../schema';

const SYSTEM = { name: 'system', role: null };

/** The demo password, shown on the sign-in page in demo mode only. */
export const DEMO_PASSWORD = 'liuhulan2026';

/** One demo account per role; the username is the role. Scoped roles get villages of the loaded data. */
export const DEMO_ACCOUNTS: { username: Role; displayName: string }[] = [
  { username: 'leader', displayName: '镇领导（示例）' },
  { username: 'office', displayName: '消防办（示例）' },
  { username: 'planner', displayName: '规划员（示例）' },
  { username: 'inspector', displayName: '检查员（示例）' },
  { username: 'village', displayName: '村级信息员（示例）' },
  { username: 'admin', displayName: '管理员（示例）' },
];

/** Creates the demo accounts in a database that has none (demo mode only). */
export async function ensureDemoAccounts(db: Db): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const villages = await sql<{ code: string }>`SELECT code FROM villages ORDER BY is_seat DESC, code LIMIT 3`.execute(db);
  const codes = villages.rows.map((row) => row.code);
  if (codes.length === 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const requestId = systemRequestId('seed');
  for (const account of DEMO_ACCOUNTS) {
    const scope = account.username === 'village' ? codes.slice(0, 1) : account.username === 'inspector' ? codes : null;
    await createUser(
      db,
      { username: account.username, displayName: account.displayName, role: account.username, villages: scope, passwordHash },
      SYSTEM,
      requestId,
    );
  }
}

/**
 * Production starts with one admin: created from ADMIN_USERNAME and ADMIN_PASSWORD when the database has
 * no users yet (or with `npm run users:create-admin`).
 */
export async function ensureInitialAdmin(db: Db, env: Record<string, string | undefined>): Promise<boolean> {
  const username = env.ADMIN_USERNAME?.trim().toLowerCase();
  const password = env.ADMIN_PASSWORD;
  if (!username || !password || (await countUsers(db)) > 0) return false;
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
  await createUser(
    db,
    { username, displayName: username, role: 'admin', villages: null, passwordHash: await hashPassword(password) },
    SYSTEM,
    systemRequestId('startup'),
  );
  return true;
}
