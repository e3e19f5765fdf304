import type { PlateKind } from '../../db/queries/plates';

/** The path a plate's QR code opens: `/p/b/<building code>` or `/p/u/<unit code>`. */
export function platePath(kind: PlateKind, code: string): string {
  return `/p/${kind === 'building' ? 'b' : 'u'}/${encodeURIComponent(code)}`;
}
