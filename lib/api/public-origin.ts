/**
 * The origin a client reached the app by, for absolute links (the OGC API's, the account page's address to
 * paste into QGIS). Next hands route handlers a URL on its own listening name (`localhost`), which a remote
 * client cannot follow, so the Host header decides, and a reverse proxy's X-Forwarded-Host/-Proto over it.
 * `PUBLIC_URL`, when set, is the address above all (printed QR plates must open it from anywhere).
 * Links only: no access decision rests on it.
 */
export function publicOrigin(headers: Headers, url?: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (configured) return configured;
  const fallback = url ? new URL(url) : null;
  const host = firstValue(headers.get('x-forwarded-host')) ?? headers.get('host') ?? fallback?.host ?? 'localhost';
  const protocol = firstValue(headers.get('x-forwarded-proto')) ?? fallback?.protocol.replace(/:$/, '') ?? 'http';
  return `${protocol === 'https' ? 'https' : 'http'}://${host}`;
}

function firstValue(header: string | null): string | null {
  const value = header?.split(',')[0]?.trim();
  return value ? value : null;
}
