import { createHash, randomBytes } from 'node:crypto';
import { cookieFromHeader } from '../api/cookie-header';

/** A new session token: 32 random bytes, base64url. Only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const SESSION_COOKIE = 'fire_session';
/** Sessions last a working day; signing in again starts a new one. */
export const SESSION_HOURS = 12;

/**
 * The Set-Cookie value: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site POSTs),
 * Secure (browsers still accept it on http://localhost for development), scoped to the whole site.
 */
export function sessionCookie(token: string, maxAgeSeconds = SESSION_HOURS * 3600): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=${maxAgeSeconds}`;
}

export function clearedSessionCookie(): string {
  return sessionCookie('', 0);
}

/** The session token from a Cookie header, if any. */
export function sessionTokenFromCookieHeader(header: string | null): string | null {
  return cookieFromHeader(header, SESSION_COOKIE);
}
