const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request is a state-changing request from another site (CSRF). Browsers send `Origin` on every
 * POST/PATCH/DELETE and `Sec-Fetch-Site` on every request; either naming another origin is refused.
 * Requests with neither come from non-browser clients (curl, scripts), which carry no ambient cookies
 * unless given one on purpose.
 */
export function isCrossSiteMutation(method: string, headers: Headers, host: string | null): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const origin = headers.get('origin');
  if (origin === null) return false;
  if (origin === 'null') return true; // sandboxed frames, file:// pages
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
