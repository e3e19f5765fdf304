import { createUser, listUsers } from '@/db/queries/users';
import { villageCodes } from '@/db/queries/villages';
import { route } from '@/lib/api/route';
import { hashPassword } from '@/lib/auth/password';
import { auditActor } from '@/lib/auth/request';
import { checkScope, newUserSchema } from '@/lib/auth/user-input';

export const dynamic = 'force-dynamic';

/** GET /api/v1/users — every account (never password hashes). */
export const GET = route({ permission: 'users:manage' }, async ({ db }) => Response.json({ users: await listUsers(db) }));

/** POST /api/v1/users {username, display_name, role, villages, password} → 201 with the user; 409 when the name is taken. */
export const POST = route({ permission: 'users:manage', body: newUserSchema }, async ({ db, body, actor, requestId }) => {
  checkScope(body.role, body.villages, await villageCodes(db));
  const { username, display_name: displayName, role, villages } = body;
  const user = await createUser(
    db,
    { username, displayName, role, villages, passwordHash: await hashPassword(body.password) },
    auditActor(actor),
    requestId,
  );
  return Response.json({ user }, { status: 201 });
});
