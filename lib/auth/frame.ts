import { cookies } from 'next/headers';
import { getDatabase } from '../../db/client';
import { hasDemoData } from '../../db/queries/health';
import { LOCALE_COOKIE, type Locale, parseLocale } from '../i18n';
import type { Actor } from './actor';
import { type NavigationItem, navigationFor } from './navigation';

export interface FrameProps {
  initialLocale: Locale;
  demoData: boolean;
  user: { displayName: string; role: string };
  navigation: NavigationItem[];
  current: string;
}

/** What every signed-in page's frame needs, read on the server. */
export async function frameProps(actor: Actor, current: string): Promise<FrameProps> {
  const { db } = await getDatabase();
  const [demoData, cookieStore] = await Promise.all([hasDemoData(db), cookies()]);
  return {
    initialLocale: parseLocale(cookieStore.get(LOCALE_COOKIE)?.value),
    demoData,
    user: { displayName: actor.displayName, role: actor.role },
    navigation: navigationFor(actor.role),
    current,
  };
}
