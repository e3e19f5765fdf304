import type { Locale } from './index';

/**
 * The language of the message being written. On the server the route wrapper runs each request inside an
 * AsyncLocalStorage holding the user's locale (kept on globalThis, so every bundle that includes this module
 * sees the same store); in the browser it is the page's `<html lang>`. Anywhere else — scripts, logs, unit
 * tests calling a function directly — messages are English.
 */
export const LOCALE_STORE = Symbol.for('liuhulan-fire-gis.request-locale');

interface LocaleStore {
  getStore(): Locale | undefined;
}

export function currentLocale(): Locale {
  const store = (globalThis as { [LOCALE_STORE]?: LocaleStore })[LOCALE_STORE]?.getStore();
  if (store) return store;
  if (typeof document !== 'undefined') return document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
  return 'en';
}

/**
 * A message in the current language: `say('照片必须是 JPEG', 'the photo must be a JPEG')`. Messages users may see
 * (API errors, validation, import reports) are written with it where they are made, so the wording stays next
 * to the check it explains. Call it when the message is made, never at module load.
 */
export function say(zhCN: string, en: string): string {
  return currentLocale() === 'en' ? en : zhCN;
}
