/** The `next` page after sign-in, only if it is a path on this site (no open redirect to another host). */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  return value.startsWith('/login') ? null : value;
}
