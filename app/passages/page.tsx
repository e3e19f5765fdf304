import { getDatabase } from '@/db/client';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { basemapFromEnvironment } from '@/lib/map/basemap';
import { AppFrame } from '../_components/AppFrame';
import { PassagesApp } from '../_components/passages/PassagesApp';
import '../_components/passages/passages.css';

export const dynamic = 'force-dynamic';

/** 通道整改规划: the planner workspace. */
export default async function PassagesPage() {
  const actor = await requirePageActor('passages:plan');
  const { db } = await getDatabase();
  const villages = await listVillages(db);
  return (
    <AppFrame {...(await frameProps(actor, '/passages'))}>
      <PassagesApp villages={villages} basemap={basemapFromEnvironment()} />
    </AppFrame>
  );
}
