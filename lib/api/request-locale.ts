import { AsyncLocalStorage } from 'node:async_hooks';
import { DEFAULT_LOCALE, LOCALE_COOKIE, type Locale } from '../i18n';
import { LOCALE_STORE } from '../i18n/say';
import { cookieFromHeader } from './cookie-header';

const holder = globalThis as { [LOCALE_STORE]?: AsyncLocalStorage<Locale> };
holder[LOCALE_STORE] ??= new AsyncLocalStorage<Locale>();
const store = holder[LOCALE_STORE];

/**
 * The language a request is answered in: the UI's language switch (the `lang` cookie), and without it the UI's
 * default, Chinese, so a page and the API it calls always agree. Clients that sign in with a personal API token
 * (desktop GIS, scripts) have no switch: they get the first of Chinese or English in their Accept-Language.
 */
export function requestLocale(request: Request): Locale {
  const chosen = cookieFromHeader(request.headers.get('cookie'), LOCALE_COOKIE);
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  if (request.headers.has('authorization')) return acceptedLocale(request.headers.get('accept-language') ?? '');
  return DEFAULT_LOCALE;
}

function acceptedLocale(header: string): Locale {
  for (const range of header.split(',')) {
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
