/** Tabs, newlines and other control characters: browsers drop some of them inside URLs ("/\t/evil" → "//evil"). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** Encoded slashes and backslashes, which a server or a browser may decode into a second leading slash. */
const ENCODED_SEPARATORS = /%(2f|5c)/i;
const PROBE_ORIGIN = 'http://same-origin.invalid';

/**
 * The `next` page after sign-in, only if it is a plain path on this site: no other host, no scheme, nothing a
 * browser could read as one (no open redirect), and never the sign-in page itself.
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  if (CONTROL_CHARACTERS.test(value) || ENCODED_SEPARATORS.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return null;
  return url.pathname + url.search + url.hash;
}
