import { createSession, findCredentials, recentFailures, recordSignInAttempt } from '../../db/queries/users';
import type { Db } from '../../db/schema';
import { TooManyRequestsError, UnauthorizedError } from '../api/errors';
import { say } from '../i18n/say';
import { decoyPasswordHash, verifyPassword } from './password';
import { hashSessionToken, newSessionToken, SESSION_HOURS } from './session-token';

/** Failed attempts allowed in the window before sign-in answers 429 (per username, and per address). */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perUsername: 5, perAddress: 30 };

export interface SignInRequest {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Checks the password and starts a new session (a fresh token on every sign-in, so a token planted before
 * sign-in is worthless). The same error answers a wrong password, an unknown user and an inactive user.
 */
export async function signIn(db: Db, request: SignInRequest): Promise<{ token: string; userId: number }> {
  const username = request.username.trim().toLowerCase();
  const failures = await recentFailures(db, username, request.ip, SIGN_IN_LIMITS.windowMinutes);
  if (failures.byUsername >= SIGN_IN_LIMITS.perUsername || failures.byIp >= SIGN_IN_LIMITS.perAddress) {
    throw new TooManyRequestsError(
      say('登录失败次数过多，请稍后再试', 'too many failed sign-ins; try again later'),
      SIGN_IN_LIMITS.windowMinutes * 60,
    );
  }
  const credentials = await findCredentials(db, username);
  const passwordMatches = await verifyPassword(request.password, credentials?.password_hash ?? (await decoyPasswordHash()));
  const succeeded = Boolean(credentials?.active && passwordMatches);
  await recordSignInAttempt(db, username, request.ip, succeeded);
  if (!succeeded || !credentials) throw new UnauthorizedError(say('用户名或密码错误', 'wrong username or password'));

  const token = newSessionToken();
  await createSession(db, {
    tokenHash: hashSessionToken(token),
    userId: credentials.id,
    hours: SESSION_HOURS,
    ip: request.ip,
    userAgent: request.userAgent,
  });
  return { token, userId: credentials.id };
}
