import { z } from 'zod';
import { findUser, updateUser } from '@/db/queries/users';
import { BadRequestError, NotFoundError } from '@/lib/api/errors';
import { pathId } from '@/lib/api/ids';
import { route } from '@/lib/api/route';
import { hashPassword, temporaryPassword } from '@/lib/auth/password';
import { auditActor } from '@/lib/auth/request';
import { say } from '@/lib/i18n/say';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/users/{id}/password-reset — gives the user a temporary password (answered once, never stored
 * in clear) which they must replace at their next sign-in; their sessions end at once.
 */
export const POST = route(
  { permission: 'users:manage', params: z.object({ id: pathId('user id') }) },
  async ({ db, params: { id }, actor, requestId }) => {
    if (id === actor.userId) {
      throw new BadRequestError(
        say('不能重置自己的密码；请在“修改密码”页修改', 'you cannot reset your own password; change it on your password page'),
      );
    }
    const current = await findUser(db, id);
    if (!current) throw new NotFoundError(say(`没有 id 为 ${id} 的用户`, `no user with id ${id}`));
    const password = temporaryPassword();
    const changes = { passwordHash: await hashPassword(password), mustChangePassword: true };
    const user = await updateUser(db, id, current.version, changes, auditActor(actor), requestId);
    if (!user) throw new NotFoundError(say(`没有 id 为 ${id} 的用户`, `no user with id ${id}`));
    return Response.json({ user, temporary_password: password });
  },
);
