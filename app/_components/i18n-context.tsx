'use client';

import { createContext, useContext, useMemo } from 'react';
import { type Locale, type Translate, translator } from '@/lib/i18n';

const LocaleContext = createContext<Locale>('zh-CN');

export const LocaleProvider = LocaleContext.Provider;

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** The translator of the UI language: the same function until the language changes (safe in hook deps). */
export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useMemo(() => translator(locale), [locale]);
}
