'use client';

import { LOCALE_COOKIE, type Locale } from '@/lib/i18n';

/** Keeps the chosen language for the next pages (the server reads the cookie) and tells the document. */
export function saveLocale(locale: Locale): void {
  // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie; the Cookie Store API is missing in Safari < 18.4
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = locale;
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'zh-CN' ? 'en' : 'zh-CN';
}

/** Ends the session and goes to the sign-in page. */
export async function signOut(): Promise<void> {
  await fetch('/api/auth/sign-out', { method: 'POST' });
  window.location.assign('/login');
}
