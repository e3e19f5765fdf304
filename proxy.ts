import { type NextRequest, NextResponse } from 'next/server';
import { isCrossSiteMutation } from './lib/auth/csrf';
import { SESSION_COOKIE } from './lib/auth/session-token';

/** Pages anyone may open; every other page needs a session (checked fully by the page itself). */
const PUBLIC_PAGES = ['/login'];

/**
 * Runs before every route: refuses cross-site mutations (CSRF) for the whole API in one place, tags each
 * request with an id for the audit log, and sends visitors without a session cookie to the sign-in page.
 * Whether the session is valid, and what the role may do, is decided by the route or page itself.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isCrossSiteMutation(request.method, request.headers, request.headers.get('host'))) {
    return NextResponse.json({ error: 'cross-site requests may not change data' }, { status: 403 });
  }
  const isApi = pathname.startsWith('/api/');
  if (!isApi && !PUBLIC_PAGES.includes(pathname) && !request.cookies.has(SESSION_COOKIE)) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname + search);
    return NextResponse.redirect(login);
  }
  const headers = new Headers(request.headers);
  headers.set('x-request-id', crypto.randomUUID());
  headers.set('x-pathname', pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but Next's own assets, the map worker and the icon.
  matcher: ['/((?!_next/|maplibre-gl-worker\\.mjs|icon\\.svg|favicon\\.ico).*)'],
};
