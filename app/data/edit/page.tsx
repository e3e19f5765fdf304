import { getDatabase } from '@/db/client';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { can } from '@/lib/auth/roles';
import { inScope } from '@/lib/auth/scope';
import { basemapFromEnvironment } from '@/lib/map/basemap';
import { AppFrame } from '../../_components/AppFrame';
import { FeatureEditorApp } from '../../_components/data/FeatureEditorApp';
import '../data.css';

export const dynamic = 'force-dynamic';

/** 数据维护: base features edited on the map; what a field check establishes for inspectors and village officers. */
export default async function FeatureEditPage() {
  const actor = await requirePageActor('hazards:report');
  const { db } = await getDatabase();
  const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
  return (
    <AppFrame {...(await frameProps(actor, '/data/edit'))}>
      <FeatureEditorApp villages={villages} basemap={basemapFromEnvironment()} canEditGeometry={can(actor.role, 'data:edit')} />
    </AppFrame>
  );
}
