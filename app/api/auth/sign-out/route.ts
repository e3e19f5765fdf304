import { deleteSession } from '@/db/queries/users';
import { route } from '@/lib/api/route';
import { sessionTokenOf } from '@/lib/auth/request';
import { clearedSessionCookie, hashSessionToken } from '@/lib/auth/session-token';

export const dynamic = 'force-dynamic';

/** POST /api/auth/sign-out — ends the session on the server and clears the cookie. */
export const POST = route({ permission: 'public' }, async ({ db, request }) => {
  const token = sessionTokenOf(request);
  if (token) await deleteSession(db, hashSessionToken(token));
  return new Response(null, { status: 204, headers: { 'Set-Cookie': clearedSessionCookie() } });
});
