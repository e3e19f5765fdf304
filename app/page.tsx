import { getDatabase } from '@/db/client';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { inScope } from '@/lib/auth/scope';
import { basemapFromEnvironment } from '@/lib/map/basemap';
import { AppFrame } from './_components/AppFrame';
import { OverviewApp } from './_components/OverviewApp';

export const dynamic = 'force-dynamic';

/** 一张图: the overview map, limited to the user's villages. */
export default async function OverviewPage() {
  const actor = await requirePageActor('data:read');
  const { db } = await getDatabase();
  const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
  return (
    <AppFrame {...(await frameProps(actor, '/'))}>
      <OverviewApp villages={villages} basemap={basemapFromEnvironment()} />
    </AppFrame>
  );
}
