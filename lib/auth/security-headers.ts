import type { BasemapConfig } from '../map/basemap';

/**
 * The origins an online basemap loads tiles from, as CSP sources. A `{s}`-style template in the host becomes a
 * wildcard subdomain; the offline basemap needs none.
 */
export function basemapSources(basemap: BasemapConfig): string[] {
  if (basemap.kind === 'offline') return [];
  const sources = [...basemap.tiles, ...(basemap.overlayTiles ?? [])].flatMap((url) => {
    const origin = /^(https?:\/\/[^/?#]+)/.exec(url)?.[1];
    if (!origin) return [];
    return [origin.replace(/\{[^}]*\}[^.]*\./, '*.')];
  });
  return [...new Set(sources)];
}

/**
 * The page's Content-Security-Policy: scripts only with this response's nonce (Next puts it on its own scripts)
 * and what they load; styles may be inline because React and maplibre set style attributes; tiles and images
 * from this origin and the configured basemap; never framed by another site.
 */
export function contentSecurityPolicy(options: { nonce: string; basemapSources: string[]; development: boolean }): string {
  const basemap = options.basemapSources.join(' ');
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlays; production never does.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${basemap}`.trim(),
    `connect-src 'self' ${basemap}`.trim(),
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** Headers every response carries besides the policy. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  // Tile servers such as Tianditu check the origin of the key's site, so the origin (not the path) is sent.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** A fresh nonce per response: 16 random bytes in base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
