import { getDatabase } from '@/db/client';
import { layerCounts } from '@/db/queries/layers';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { inScope, scopedVillages } from '@/lib/auth/scope';
import { BASE_LAYERS } from '@/lib/domain/base-fields';
import { layerContext } from '@/lib/layers/layer-context';
import { basemapFromEnvironment } from '@/lib/map/basemap';
import { AppFrame } from '../_components/AppFrame';
import { DataApp } from '../_components/data/DataApp';
import './data.css';

export const dynamic = 'force-dynamic';

/** 数据管理: the town's base layers, their counts and downloads, importing the town's own files, the import history. */
export default async function DataPage() {
  const actor = await requirePageActor('data:import');
  const { db } = await getDatabase();
  const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
  const counts = await layerCounts(db, BASE_LAYERS, { villages: scopedVillages(actor, []) }, await layerContext(db));
  return (
    <AppFrame {...(await frameProps(actor, '/data'))}>
      <DataApp
        layers={BASE_LAYERS.map((layer) => ({ layer, count: counts[layer] ?? 0 }))}
        villages={villages}
        basemap={basemapFromEnvironment()}
      />
    </AppFrame>
  );
}
