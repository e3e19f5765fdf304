import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getDatabase } from '../../db/client';
import { actorForSession } from '../../db/queries/users';
import type { Actor } from './actor';
import { can, PASSWORD_PAGE, type Permission } from './roles';
import { hashSessionToken, SESSION_COOKIE } from './session-token';

/** The signed-in actor of the page being rendered, or null. */
export async function currentActor(): Promise<Actor | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const { db } = await getDatabase();
  return actorForSession(db, hashSessionToken(token));
}

/**
 * For server-component pages: sends a visitor without a session to the sign-in page (coming back here
 * afterwards), a user whose password was reset to the password page first, and answers 404 to a role that
 * may not see the page, so the page's existence is all it learns.
 */
export async function requirePageActor(permission: Permission, options: { passwordPage?: boolean } = {}): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) {
    const path = (await headers()).get('x-pathname') ?? '/';
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  if (actor.mustChangePassword && !options.passwordPage) redirect(PASSWORD_PAGE);
  if (!can(actor.role, permission)) notFound();
  return actor;
}
