import { getDatabase } from '../../db/client';
import { actorForSession } from '../../db/queries/users';
import { ForbiddenError, UnauthorizedError } from '../api/errors';
import type { Actor } from './actor';
import { can, type Permission } from './roles';
import { hashSessionToken, sessionTokenFromCookieHeader } from './session-token';

/** The signed-in actor of a request, or null. */
export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const token = sessionTokenFromCookieHeader(request.headers.get('cookie'));
  if (!token) return null;
  const { db } = await getDatabase();
  return actorForSession(db, hashSessionToken(token));
}

/** The actor of an API request that needs `permission`: 401 without a valid session, 403 without the role. */
export async function requireActor(request: Request, permission: Permission): Promise<Actor> {
  const actor = await actorFromRequest(request);
  if (!actor) throw new UnauthorizedError();
  if (!can(actor.role, permission)) throw new ForbiddenError(`your role (${actor.role}) may not do this (${permission})`);
  return actor;
}

/** The name and role the audit log records for an actor. */
export function auditActor(actor: Actor): { name: string; role: string } {
  return { name: actor.username, role: actor.role };
}

/** A request id for the audit log: the proxy's if one came in, else a new one. */
export function requestIdOf(request: Request): string {
  return request.headers.get('x-request-id') ?? crypto.randomUUID();
}

/** The client address for the sign-in rate limit (first hop of X-Forwarded-For, set by Next's server). */
export function clientAddress(request: Request): string | null {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
}
