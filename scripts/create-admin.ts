/**
 * npm run users:create-admin -- --username <name> [--display-name <name>]
 * Creates an admin account in the configured database (DATABASE_URL, or the embedded one in DATA_DIR). The
 * password comes from ADMIN_PASSWORD so it never appears in the shell history or the process list.
 */
import { configFromEnvironment, openDatabase } from '../db/client';
import { systemRequestId } from '../db/queries/audit';
import { createUser } from '../db/queries/users';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../lib/auth/password';
import { argument } from './bench-support';

const username = argument('username', '').trim().toLowerCase();
const password = process.env.ADMIN_PASSWORD ?? '';
if (!/^[a-z0-9_.-]{2,40}$/.test(username)) {
  console.error('give --username (2–40 letters, digits, _ . -)');
  process.exit(2);
}
if (password.length < MIN_PASSWORD_LENGTH) {
  console.error(`set ADMIN_PASSWORD (at least ${MIN_PASSWORD_LENGTH} characters)`);
  process.exit(2);
}
const handle = await openDatabase({ ...configFromEnvironment(), geodataDir: null });
try {
  const user = await createUser(
    handle.db,
    {
      username,
      displayName: argument('display-name', username),
      role: 'admin',
      villages: null,
      passwordHash: await hashPassword(password),
    },
    { name: 'cli', role: null },
    systemRequestId('cli'),
  );
  console.log(`created admin "${user.username}" (id ${user.id})`);
} finally {
  await handle.close();
}
