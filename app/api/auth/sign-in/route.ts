import { z } from 'zod';
import { findUser } from '@/db/queries/users';
import { NotFoundError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { clientAddress } from '@/lib/auth/request';
import { PASSWORD_PAGE, START_PAGES } from '@/lib/auth/roles';
import { sessionCookie } from '@/lib/auth/session-token';
import { signIn } from '@/lib/auth/sign-in';
import { say } from '@/lib/i18n/say';

export const dynamic = 'force-dynamic';

const credentialsSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

/** POST /api/auth/sign-in {username, password} → a new session cookie and the role's start page; 401, or 429 when rate-limited. */
export const POST = route({ permission: 'public', body: credentialsSchema }, async ({ db, body, request }) => {
  const session = await signIn(db, { ...body, ip: clientAddress(request), userAgent: request.headers.get('user-agent') });
  const user = await findUser(db, session.userId);
  if (!user) throw new NotFoundError(say('登录过程中该用户已被删除', 'the user was removed while signing in'));
  return Response.json(
    {
      user: { username: user.username, display_name: user.display_name, role: user.role, villages: user.villages },
      start: user.must_change_password ? PASSWORD_PAGE : START_PAGES[user.role],
    },
    { headers: { 'Set-Cookie': sessionCookie(session.token) } },
  );
});
