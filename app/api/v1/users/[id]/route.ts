import { z } from 'zod';
import { findUser, updateUser } from '@/db/queries/users';
import { villageCodes } from '@/db/queries/villages';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { hashPassword } from '@/lib/auth/password';
import { auditActor } from '@/lib/auth/request';
import { checkScope, userPatchSchema } from '@/lib/auth/user-input';
import { say } from '@/lib/i18n/say';

export const dynamic = 'force-dynamic';

/**
 * PATCH /api/v1/users/{id} {version, display_name?, role?, villages?, active?, password?} — a stale version
 * gets 409 with the current user. Deactivating, or changing role, villages or password, ends the user's sessions.
 */
export const PATCH = route(
  { permission: 'users:manage', params: z.object({ id: pathId('user id') }), body: userPatchSchema },
  async ({ db, params: { id }, body: patch, actor, requestId }) => {
    const current = await findUser(db, id);
    if (!current) throw new NotFoundError(say(`没有 id 为 ${id} 的用户`, `no user with id ${id}`));
    if (id === actor.userId && (patch.active === false || (patch.role && patch.role !== actor.role))) {
      throw new BadRequestError(say('不能停用自己或修改自己的角色', 'you cannot deactivate yourself or change your own role'));
    }
    const role = patch.role ?? current.role;
    const villages = patch.villages !== undefined ? patch.villages : patch.role ? null : current.villages;
    checkScope(role, villages, await villageCodes(db));
    const changes = {
      displayName: patch.display_name,
      role: patch.role,
      villages: patch.villages !== undefined || patch.role ? villages : undefined,
      active: patch.active,
      passwordHash: patch.password ? await hashPassword(patch.password) : undefined,
    };
    const user = await updateUser(db, id, patch.version, changes, auditActor(actor), requestId);
    if (!user) throw new NotFoundError(say(`没有 id 为 ${id} 的用户`, `no user with id ${id}`));
    return Response.json({ user });
  },
);
