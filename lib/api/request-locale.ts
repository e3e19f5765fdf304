import { AsyncLocalStorage } from 'node:async_hooks';
import { DEFAULT_LOCALE, LOCALE_COOKIE, type Locale } from '../i18n';
import { LOCALE_STORE } from '../i18n/say';
import { cookieFromHeader } from './cookie-header';

const holder = globalThis as { [LOCALE_STORE]?: AsyncLocalStorage<Locale> };
holder[LOCALE_STORE] ??= new AsyncLocalStorage<Locale>();
const store = holder[LOCALE_STORE];

/**
 * The language a request is answered in: the UI's language switch (the `lang` cookie) first, so pages and the
 * API agree; for clients without it (scripts, desktop GIS) the first of Chinese or English in Accept-Language;
 * else the product's default, Chinese.
 */
export function requestLocale(request: Request): Locale {
  const chosen = cookieFromHeader(request.headers.get('cookie'), LOCALE_COOKIE);
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  for (const range of (request.headers.get('accept-language') ?? '').split(',')) {
    const tag = range.split(';', 1)[0]?.trim().toLowerCase() ?? '';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return DEFAULT_LOCALE;
}

/** Runs `work` with `say` writing in `locale` (for everything it awaits too). */
export function inLocale<T>(locale: Locale, work: () => T): T {
  return store.run(locale, work);
}
