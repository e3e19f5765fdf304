import { getDatabase } from '@/db/client';
import { createUser, listUsers, UsernameTakenError } from '@/db/queries/users';
import { villageCodes } from '@/db/queries/villages';
import { ConflictError, errorResponse } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/json-body';
import { hashPassword } from '@/lib/auth/password';
import { auditActor, requestIdOf, requireActor } from '@/lib/auth/request';
import { checkScope, newUserSchema } from '@/lib/auth/user-input';

export const dynamic = 'force-dynamic';

/** GET /api/v1/users — every account (never password hashes). */
export async function GET(request: Request) {
  try {
    await requireActor(request, 'users:manage');
    return Response.json({ users: await listUsers((await getDatabase()).db) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/v1/users {username, display_name, role, villages, password} → 201 with the user; 409 when the name is taken. */
export async function POST(request: Request) {
  try {
    const actor = await requireActor(request, 'users:manage');
    const input = await readJsonBody(request, newUserSchema);
    const { db } = await getDatabase();
    checkScope(input.role, input.villages, await villageCodes(db));
    const user = await createUser(
      db,
      {
        username: input.username,
        displayName: input.display_name,
        role: input.role,
        villages: input.villages,
        passwordHash: await hashPassword(input.password),
      },
      auditActor(actor),
      requestIdOf(request),
    );
    return Response.json({ user }, { status: 201 });
  } catch (error) {
    if (error instanceof UsernameTakenError) return errorResponse(new ConflictError(error.message));
    return errorResponse(error);
  }
}
