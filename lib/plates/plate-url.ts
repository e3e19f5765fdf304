import type { PlateKind } from '../../db/queries/plates';

const SEGMENTS: Record<PlateKind, string> = { building: 'b', unit: 'u' };

/** The path a plate's QR code opens: `/p/b/<building code>` or `/p/u/<unit code>`. */
export function platePath(kind: PlateKind, code: string): string {
  return `/p/${SEGMENTS[kind]}/${encodeURIComponent(code)}`;
}

/**
 * The plate a scanned text names: a URL (of this app's origin, when one is given) whose path is a plate's;
 * null for anything else, so a stranger's QR code is never followed.
 */
export function plateOf(text: string, origin?: string): { kind: PlateKind; code: string } | null {
  let url: URL;
  try {
    url = new URL(text, origin);
  } catch {
    return null;
  }
  if (origin && url.origin !== new URL(origin).origin) return null;
  const [, kind, code] = /^\/p\/([bu])\/([^/]+)$/.exec(url.pathname) ?? [];
  if (kind === undefined || code === undefined) return null;
  try {
    return { kind: kind === 'b' ? 'building' : 'unit', code: decodeURIComponent(code) };
  } catch {
    return null;
  }
}

/**
 * The plate a hazards-page address names in `plate=b:<code>` or `plate=u:<code>` (where the service worker sends
 * a plate's link opened without a signal); null without one.
 */
export function plateParam(search: string): { kind: PlateKind; code: string } | null {
  const value = new URLSearchParams(search).get('plate') ?? '';
  const colon = value.indexOf(':');
  const segment = value.slice(0, colon);
  const code = value.slice(colon + 1);
  if (colon < 0 || !code) return null;
  const kind = (Object.keys(SEGMENTS) as PlateKind[]).find((candidate) => SEGMENTS[candidate] === segment);
  return kind ? { kind, code } : null;
}
