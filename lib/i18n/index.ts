import { en } from './en';
import { type MessageKey, zhCN } from './zh-CN';

export type { MessageKey };
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'lang';

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function parseLocale(value: string | undefined | null): Locale {
  return value === 'en' ? 'en' : DEFAULT_LOCALE;
}

export type Translate = (key: MessageKey) => string;

export function translator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  return (key) => messages[key];
}

/** Label of an enumerated code, e.g. enumLabel(t, 'use', 'residential') → 住宅; unknown codes show as is. */
export function enumLabel(locale: Locale, group: string, code: string): string {
  const key = `enum.${group}.${code}` as MessageKey;
  return MESSAGES[locale][key] ?? code;
}

/** A message whose key is built at run time (e.g. `analysis.kind.<kind>`); the fallback when there is none. */
export function dynamicMessage(locale: Locale, key: string, fallback: string): string {
  return (MESSAGES[locale] as Record<string, string>)[key] ?? fallback;
}
