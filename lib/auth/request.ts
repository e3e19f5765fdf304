import { actorForSession } from '../../db/queries/users';
import type { Db } from '../../db/schema';
import { ForbiddenError, UnauthorizedError } from '../api/errors';
import type { Actor } from './actor';
import { clientAddressOf, parseTrustProxy } from './client-address';
import { can, type Permission } from './roles';
import { hashSessionToken, sessionTokenFromCookieHeader } from './session-token';

/** Who may call a route: a permission of the role, any signed-in user, or anyone (sign-in itself, health). */
export type Access = Permission | 'signed-in' | 'public';

/** The session token a request carries, if any (looked up only when there is one). */
export function sessionTokenOf(request: Request): string | null {
  return sessionTokenFromCookieHeader(request.headers.get('cookie'));
}

/** The signed-in actor of a request, or null. */
export async function actorFromRequest(request: Request, db: Db): Promise<Actor | null> {
  const token = sessionTokenOf(request);
  return token ? actorForSession(db, hashSessionToken(token)) : null;
}

/** The actor allowed `access`: 401 without a valid session, 403 when the role lacks the permission. */
export function requireActor(actor: Actor | null, access: Exclude<Access, 'public'>): Actor {
  if (!actor) throw new UnauthorizedError();
  if (access !== 'signed-in' && !can(actor.role, access)) {
    throw new ForbiddenError(`your role (${actor.role}) may not do this (${access})`);
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
