'use client';

import { createContext, useContext } from 'react';
import { type Locale, type Translate, translator } from '@/lib/i18n';

const LocaleContext = createContext<Locale>('zh-CN');

export const LocaleProvider = LocaleContext.Provider;

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  return translator(useContext(LocaleContext));
}
