import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDatabase } from '@/db/client';
import { hasDemoData } from '@/db/queries/health';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/db/seed/accounts';
import { currentActor } from '@/lib/auth/page';
import { START_PAGES } from '@/lib/auth/roles';
import { safeNextPath } from '@/lib/auth/safe-next';
import { LOCALE_COOKIE, parseLocale } from '@/lib/i18n';
import { LoginForm } from './LoginForm';

export const dynamic = 'force-dynamic';

/** 登录. The demo accounts are listed only when the demo data is loaded. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath([(await searchParams).next].flat()[0]);
  const actor = await currentActor();
  if (actor) redirect(next ?? START_PAGES[actor.role]);
  const { db } = await getDatabase();
  const demoData = await hasDemoData(db);
  const locale = parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const demo = demoData ? { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD } : null;
  return <LoginForm locale={locale} next={next} demo={demo} />;
}
