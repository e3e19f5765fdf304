import { z } from 'zod';
import { changeOwnPassword, passwordHashOf } from '@/db/queries/users';
import { BadRequestError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '@/lib/auth/password';
import { auditActor } from '@/lib/auth/request';
import { START_PAGES } from '@/lib/auth/roles';
import { say } from '@/lib/i18n/say';

export const dynamic = 'force-dynamic';

const passwordChangeSchema = z.object({
  current_password: z.string().min(1).max(200),
  new_password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: () => say(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, `at least ${MIN_PASSWORD_LENGTH} characters`) })
    .max(200, { error: () => say('密码最多 200 个字符', 'at most 200 characters') }),
});

/**
 * POST /api/auth/password {current_password, new_password} — the signed-in user's own new password; after a
 * reset the temporary one must not be kept. Other sessions end; the answer names the user's start page.
 */
export const POST = route({ permission: 'signed-in', body: passwordChangeSchema }, async ({ db, body, actor, requestId }) => {
  const stored = await passwordHashOf(db, actor.userId);
  if (!stored || !(await verifyPassword(body.current_password, stored))) {
    throw new BadRequestError(say('当前密码不正确', 'current_password is not your current password'), { field: 'current_password' });
  }
  if (actor.mustChangePassword && body.new_password === body.current_password) {
    throw new BadRequestError(say('新密码不能与临时密码相同', 'new_password must differ from the temporary password'), {
      field: 'new_password',
    });
  }
  const passwordHash = await hashPassword(body.new_password);
  await changeOwnPassword(db, { userId: actor.userId, sessionId: actor.sessionId, passwordHash }, auditActor(actor), requestId);
  return Response.json({ start: START_PAGES[actor.role] });
});
