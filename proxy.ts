import { type NextRequest, NextResponse } from 'next/server';
import type { ErrorCode } from './lib/api/error-table';
import { inLocale, requestLocale } from './lib/api/request-locale';
import { isCrossSiteMutation } from './lib/auth/csrf';
import { basemapSources, contentSecurityPolicy, newNonce, SECURITY_HEADERS } from './lib/auth/security-headers';
import { SESSION_COOKIE } from './lib/auth/session-token';
import { say } from './lib/i18n/say';
import { basemapFromEnvironment } from './lib/map/basemap';

/** Pages anyone may open; every other page needs a session (checked fully by the page itself). */
const PUBLIC_PAGES = ['/login'];

const BASEMAP_SOURCES = basemapSources(basemapFromEnvironment());

/** Sets the security headers on a response; the same policy goes to the page renderer, which nonces its scripts. */
function secured(response: NextResponse, policy: string): NextResponse {
  response.headers.set('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

/**
 * Runs before every route: refuses cross-site mutations (CSRF) for the whole API in one place, tags each
 * request with an id for the audit log, sets the security headers (a fresh script nonce per response), and
 * sends visitors without a session cookie to the sign-in page.
 * Whether the session is valid, and what the role may do, is decided by the route or page itself.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    basemapSources: BASEMAP_SOURCES,
    development: process.env.NODE_ENV === 'development',
  });
  if (isCrossSiteMutation(request.method, request.headers, request.headers.get('host'))) {
    return secured(
      NextResponse.json(
        {
          code: 'cross_site' satisfies ErrorCode,
          error: inLocale(requestLocale(request), () => say('跨站请求不能修改数据', 'cross-site requests may not change data')),
        },
        { status: 403 },
      ),
      policy,
    );
  }
  // The API and the OGC API answer 401 themselves; desktop GIS clients send a token, not a cookie.
  const isApi = pathname.startsWith('/api/') || pathname === '/ogc' || pathname.startsWith('/ogc/');
  if (!isApi && !PUBLIC_PAGES.includes(pathname) && !request.cookies.has(SESSION_COOKIE)) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', pathname + search);
    return secured(NextResponse.redirect(login), policy);
  }
  const headers = new Headers(request.headers);
  headers.set('x-request-id', crypto.randomUUID());
  headers.set('x-pathname', pathname + search);
  headers.set('Content-Security-Policy', policy);
  return secured(NextResponse.next({ request: { headers } }), policy);
}

export const config = {
  // Everything but Next's own assets, the map worker, the icon, the service worker and the manifest.
  matcher: ['/((?!_next/|maplibre-gl-worker\\.mjs|icon\\.svg|favicon\\.ico|sw\\.js|manifest\\.webmanifest).*)'],
};
