import { actorForApiToken } from '../../db/queries/api-tokens';
import { actorForSession } from '../../db/queries/users';
import type { Db } from '../../db/schema';
import { ApiTokenExpiredError, ApiTokenRevokedError, ForbiddenError, UnauthorizedError } from '../api/errors';
import { say } from '../i18n/say';
import type { Actor } from './actor';
import { apiTokenFromAuthorization } from './api-token';
import { clientAddressOf, parseTrustProxy } from './client-address';
import { can, isReadPermission, type Permission } from './roles';
import { hashSessionToken, sessionTokenFromCookieHeader } from './session-token';

/** Who may call a route: a permission of the role, any signed-in user, or anyone (sign-in itself, health). */
export type Access = Permission | 'signed-in' | 'public';

/** The session token a request carries, if any (looked up only when there is one). */
export function sessionTokenOf(request: Request): string | null {
  return sessionTokenFromCookieHeader(request.headers.get('cookie'));
}

/**
 * Whether a request carries any credential: a session cookie or an `Authorization` header with a personal API
 * token (never a token in the URL, which would end up in logs and histories). A malformed header is a 401.
 */
export function hasCredentials(request: Request): boolean {
  return apiTokenFromAuthorization(request.headers.get('authorization')) !== null || sessionTokenOf(request) !== null;
}

/**
 * The signed-in actor of a request, or null. An `Authorization` header wins over the cookie: a revoked or
 * expired token is a 401 with its own code, an unknown one (or one of a deactivated user) a plain 401.
 */
export async function actorFromRequest(request: Request, db: Db): Promise<Actor | null> {
  const apiToken = apiTokenFromAuthorization(request.headers.get('authorization'));
  if (apiToken) {
    const found = await actorForApiToken(db, hashSessionToken(apiToken));
    if (found.status === 'valid') return found.actor;
    if (found.status === 'revoked') throw new ApiTokenRevokedError();
    if (found.status === 'expired') throw new ApiTokenExpiredError();
    throw new UnauthorizedError(say('未知的 API 令牌', 'unknown API token'));
  }
  const token = sessionTokenOf(request);
  return token ? actorForSession(db, hashSessionToken(token)) : null;
}

/**
 * The actor allowed `access`: 401 without a valid session, 403 when the role lacks the permission. An API
 * token grants only the reading permissions of its user's role; anything else (changes, managing tokens)
 * needs a session.
 */
export function requireActor(actor: Actor | null, access: Exclude<Access, 'public'>): Actor {
  if (!actor) throw new UnauthorizedError();
  if (actor.token && (access === 'signed-in' || !isReadPermission(access))) {
    throw new ForbiddenError(say('API 令牌只能读取；请登录后再操作', 'an API token may only read; sign in to do this'));
  }
  if (actor.mustChangePassword && access !== 'signed-in') {
    throw new ForbiddenError(
      say(
        '您的密码已被重置：请先设置新密码（POST /api/auth/password）',
        'your password was reset: choose a new one first (POST /api/auth/password)',
      ),
    );
  }
  if (access !== 'signed-in' && !can(actor.role, access)) {
    throw new ForbiddenError(say(`您的角色无权进行此操作`, `your role (${actor.role}) may not do this (${access})`));
  }
  return actor;
}

/** The name and role the audit log records for an actor. */
export function auditActor(actor: Actor): { name: string; role: string } {
  return { name: actor.username, role: actor.role };
}

/** A request id for the audit log and error reports: the proxy's if one came in, else a new one. */
export function requestIdOf(request: Request): string {
  return request.headers.get('x-request-id') ?? crypto.randomUUID();
}

/**
 * The client address for the sign-in rate limit: the connection's peer, stamped by the app's server
 * (scripts/serve.mjs), or through the proxies TRUST_PROXY names, the address they forwarded.
 */
export function clientAddress(request: Request, env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  return clientAddressOf(request.headers.get('x-peer-address'), request.headers.get('x-forwarded-for'), parseTrustProxy(env.TRUST_PROXY));
}
