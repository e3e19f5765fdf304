import { getDatabase } from '@/db/client';
import { deleteSession } from '@/db/queries/users';
import { errorResponse } from '@/lib/api/errors';
import { clearedSessionCookie, hashSessionToken, sessionTokenFromCookieHeader } from '@/lib/auth/session-token';

export const dynamic = 'force-dynamic';

/** POST /api/auth/sign-out — ends the session on the server and clears the cookie. */
export async function POST(request: Request) {
  try {
    const token = sessionTokenFromCookieHeader(request.headers.get('cookie'));
    if (token) await deleteSession((await getDatabase()).db, hashSessionToken(token));
    return new Response(null, { status: 204, headers: { 'Set-Cookie': clearedSessionCookie() } });
  } catch (error) {
    return errorResponse(error);
  }
}
