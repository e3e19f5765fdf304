import type { PlateKind } from '../../db/queries/plates';

/** The path a plate's QR code opens: `/p/b/<building code>` or `/p/u/<unit code>`. */
export function platePath(kind: PlateKind, code: string): string {
  return `/p/${kind === 'building' ? 'b' : 'u'}/${encodeURIComponent(code)}`;
}

/** The app's address as the printed codes carry it: PUBLIC_URL when set, else the origin the request came to. */
export function appOrigin(request: Request, env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_URL?.trim().replace(/\/+$/, '');
  return configured || new URL(request.url).origin;
}
