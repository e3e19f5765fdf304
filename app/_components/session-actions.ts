'use client';

import { clearFieldDataForSignOut, unsyncedOutboxCount } from '@/lib/field/sign-out';
import { LOCALE_COOKIE, type Locale, parseLocale, translator } from '@/lib/i18n';

/** Keeps the chosen language for the next pages (the server reads the cookie) and tells the document. */
export function saveLocale(locale: Locale): void {
  // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie; the Cookie Store API is missing in Safari < 18.4
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = locale;
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'zh-CN' ? 'en' : 'zh-CN';
}

/**
 * Ends the session and goes to the sign-in page, removing this user's field data from the device (a phone may
 * be shared). Work not yet synced stays on the device; the user is told how much first and may stay signed in.
 * Without a signal nothing is done: only the server can end the session and clear its cookie.
 */
export async function signOut(): Promise<void> {
  const t = translator(parseLocale(document.documentElement.lang));
  const unsynced = await unsyncedOutboxCount().catch(() => 0);
  if (unsynced > 0 && !window.confirm(t('auth.signOutUnsynced').replace('{n}', String(unsynced)))) return;
  try {
    await fetch('/api/auth/sign-out', { method: 'POST' });
  } catch {
    window.alert(t('auth.signOutOffline'));
    return;
  }
  await clearFieldDataForSignOut().catch(() => {});
  window.location.assign('/login');
}
