'use client';

import { useRef } from 'react';
import type { NavigationItem } from '@/lib/auth/navigation';
import type { Translate } from '@/lib/i18n';
import { signOut } from '../session-actions';
import { useMenuReveal } from './use-menu-reveal';

/**
 * The screen's way out: hidden while the wall shows figures, up on pointer move or Esc with the pages the role may
 * open (the same list as the app's top bar), the language switch and sign-out.
 */
export function ScreenMenu({
  navigation,
  userName,
  t,
  onSwitchLocale,
}: {
  navigation: NavigationItem[];
  userName: string;
  t: Translate;
  onSwitchLocale(): void;
}) {
  const menu = useRef<HTMLElement>(null);
  const shown = useMenuReveal(menu);
  return (
    <nav
      ref={menu}
      className={shown ? 'screen-menu screen-menu-on' : 'screen-menu'}
      aria-label={t('nav.label')}
      data-testid="screen-menu"
      data-hidden={shown ? 'false' : 'true'}
      inert={!shown}
    >
      {navigation.map((item) => (
        <a
          key={item.href}
          href={item.href}
          className={item.href === '/screen' ? 'screen-menu-link screen-menu-on-page' : 'screen-menu-link'}
          aria-current={item.href === '/screen' ? 'page' : undefined}
        >
          {t(item.label)}
        </a>
      ))}
      <span className="screen-menu-user">{userName}</span>
      <button type="button" className="screen-menu-button" onClick={onSwitchLocale} data-testid="screen-language-switch">
        {t('app.language')}
      </button>
      <button type="button" className="screen-menu-button" onClick={() => void signOut()} data-testid="screen-sign-out">
        {t('auth.signOut')}
      </button>
    </nav>
  );
}
