import { cookies } from 'next/headers';
import { getDatabase } from '@/db/client';
import { hasDemoData } from '@/db/queries/health';
import { listVillages } from '@/db/queries/villages';
import { LOCALE_COOKIE, parseLocale } from '@/lib/i18n';
import { basemapFromEnvironment } from '@/lib/map/basemap';
import { OverviewApp } from './_components/OverviewApp';

export const dynamic = 'force-dynamic';

/** 一张图: the overview map every user starts from. */
export default async function OverviewPage() {
  const { db } = await getDatabase();
  const [villages, demoData, cookieStore] = await Promise.all([listVillages(db), hasDemoData(db), cookies()]);
  return (
    <OverviewApp
      initialLocale={parseLocale(cookieStore.get(LOCALE_COOKIE)?.value)}
      villages={villages}
      basemap={basemapFromEnvironment()}
      demoData={demoData}
    />
  );
}
