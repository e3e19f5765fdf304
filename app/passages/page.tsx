import { cookies } from 'next/headers';
import { getDatabase } from '@/db/client';
import { hasDemoData } from '@/db/queries/health';
import { listVillages } from '@/db/queries/villages';
import { LOCALE_COOKIE, parseLocale } from '@/lib/i18n';
import { basemapFromEnvironment } from '@/lib/map/basemap';
import { PassagesApp } from '../_components/passages/PassagesApp';
import '../_components/passages/passages.css';

export const dynamic = 'force-dynamic';

/** 通道整改规划: the planner workspace (issue 7). */
export default async function PassagesPage() {
  // AUTH: passages:plan (requirePageActor('passages:plan') when accounts land)
  const { db } = await getDatabase();
  const [villages, demoData, cookieStore] = await Promise.all([listVillages(db), hasDemoData(db), cookies()]);
  return (
    <PassagesApp
      initialLocale={parseLocale(cookieStore.get(LOCALE_COOKIE)?.value)}
      villages={villages}
      basemap={basemapFromEnvironment()}
      demoData={demoData}
    />
  );
}
