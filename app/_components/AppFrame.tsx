'use client';

import { useState } from 'react';
import type { NavigationItem } from '@/lib/auth/navigation';
import { type Locale, translator } from '@/lib/i18n';
import { LocaleProvider } from './i18n-context';
import { otherLocale, saveLocale, signOut } from './session-actions';

export interface FrameUser {
  displayName: string;
  role: string;
}

export interface AppFrameProps {
  initialLocale: Locale;
  demoData: boolean;
  user: FrameUser;
  navigation: NavigationItem[];
  /** The current page's path, highlighted in the menu. */
  current: string;
  children: React.ReactNode;
}

/** Every signed-in page: the top bar (title, menu by role, user, sign-out, language) around the page. */
export function AppFrame({ initialLocale, demoData, user, navigation, current, children }: AppFrameProps) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = translator(locale);

  const switchLocale = () => {
    const next = otherLocale(locale);
    saveLocale(next);
    setLocale(next);
  };

  return (
    <LocaleProvider value={locale}>
      <div className="app-shell">
        <header className="top-bar">
          <div className="brand">
            <span className="brand-mark" aria-hidden>
              消
            </span>
            <div>
              <h1 data-testid="app-title">{t('app.title')}</h1>
              <div className="subtitle">{t('app.subtitle')}</div>
            </div>
          </div>
          <nav className="main-nav" aria-label={t('nav.label')} data-testid="main-nav">
            {navigation.map((item) => (
              <a
                key={item.href}
                href={item.href}
                className={item.href === current ? 'nav-link nav-on' : 'nav-link'}
                aria-current={item.href === current ? 'page' : undefined}
              >
                {t(item.label)}
              </a>
            ))}
          </nav>
          <div className="top-actions">
            {demoData && (
              <span className="demo-badge" data-testid="demo-badge" title={t('app.demoDataHint')}>
                {t('app.demoData')}
              </span>
            )}
            <a href="/account" className="user-badge" data-testid="current-user" data-role={user.role} title={t('account.title')}>
              {user.displayName} · {t(`role.${user.role}` as Parameters<typeof t>[0])}
            </a>
            <button type="button" className="lang-switch" onClick={switchLocale} data-testid="language-switch">
              {t('app.language')}
            </button>
            <button type="button" className="lang-switch" onClick={signOut} data-testid="sign-out">
              {t('auth.signOut')}
            </button>
          </div>
        </header>
        {children}
      </div>
    </LocaleProvider>
  );
}
