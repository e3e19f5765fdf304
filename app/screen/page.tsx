import { cookies } from 'next/headers';
import { getDatabase } from '@/db/client';
import { hasDemoData } from '@/db/queries/health';
import { listVillages } from '@/db/queries/villages';
import { navigationFor } from '@/lib/auth/navigation';
import { requirePageActor } from '@/lib/auth/page';
import { inScope } from '@/lib/auth/scope';
import { LOCALE_COOKIE, parseLocale } from '@/lib/i18n';
import { basemapFromEnvironment } from '@/lib/map/basemap';
import { parseTourSeconds } from '@/lib/screen/types';
import { ScreenApp } from '../_components/screen/ScreenApp';
import './screen.css';

export const dynamic = 'force-dynamic';

/** Background refresh of the figures (seconds). */
const REFRESH_SECONDS = 60;

/**
 * 大屏 (wall screen) for the leadership: `?tour=<seconds>` sets the tour's pace (0 = stay on the town),
 * `?village=<code>` fixes the screen on one village.
 */
export default async function ScreenPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('screen:view');
  const params = await searchParams;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const { db } = await getDatabase();
  const [allVillages, demoData, cookieStore] = await Promise.all([listVillages(db), hasDemoData(db), cookies()]);
  const villages = allVillages.filter((village) => inScope(actor, village.code));
  const requested = single(params.village);
  const fixedVillage = villages.find((v) => v.code === requested)?.code ?? null;
  return (
    <ScreenApp
      locale={parseLocale(cookieStore.get(LOCALE_COOKIE)?.value)}
      villages={villages}
      basemap={basemapFromEnvironment()}
      demoData={demoData}
      tourSeconds={parseTourSeconds(single(params.tour))}
      fixedVillage={fixedVillage}
      refreshSeconds={REFRESH_SECONDS}
      navigation={navigationFor(actor.role)}
      userName={actor.displayName}
    />
  );
}
