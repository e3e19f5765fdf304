import { getDatabase } from '@/db/client';
import { findUser, StaleUserError, updateUser } from '@/db/queries/users';
import { villageCodes } from '@/db/queries/villages';
import { BadRequestError, ConflictError, errorResponse, NotFoundError } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/json-body';
import { hashPassword } from '@/lib/auth/password';
import { auditActor, requestIdOf, requireActor } from '@/lib/auth/request';
import { checkScope, userPatchSchema } from '@/lib/auth/user-input';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

function userId(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new BadRequestError('user id must be a whole number');
  return Number(value);
}

/**
 * PATCH /api/v1/users/{id} {version, display_name?, role?, villages?, active?, password?} — a stale version
 * gets 409 with the current user. Deactivating, or changing role, villages or password, ends the user's sessions.
 */
export async function PATCH(request: Request, { params }: Params) {
  try {
    const actor = await requireActor(request, 'users:manage');
    const id = userId((await params).id);
    const patch = await readJsonBody(request, userPatchSchema);
    const { db } = await getDatabase();
    const current = await findUser(db, id);
    if (!current) throw new NotFoundError(`no user with id ${id}`);
    if (id === actor.userId && (patch.active === false || (patch.role && patch.role !== actor.role))) {
      throw new BadRequestError('you cannot deactivate yourself or change your own role');
    }
    const role = patch.role ?? current.role;
    const villages = patch.villages !== undefined ? patch.villages : patch.role ? null : current.villages;
    checkScope(role, villages, await villageCodes(db));
    const user = await updateUser(
      db,
      id,
      patch.version,
      {
        displayName: patch.display_name,
        role: patch.role,
        villages: patch.villages !== undefined || patch.role ? villages : undefined,
        active: patch.active,
        passwordHash: patch.password ? await hashPassword(patch.password) : undefined,
      },
      auditActor(actor),
      requestIdOf(request),
    );
    if (!user) throw new NotFoundError(`no user with id ${id}`);
    return Response.json({ user });
  } catch (error) {
    if (error instanceof StaleUserError) return errorResponse(new ConflictError(error.message, { current: error.current }));
    return errorResponse(error);
  }
}
