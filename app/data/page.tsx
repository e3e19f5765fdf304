import { getDatabase } from '@/db/client';
import { layerCounts } from '@/db/queries/layers';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { inScope, scopedVillages } from '@/lib/auth/scope';
import { BASE_LAYERS } from '@/lib/layers/base-fields';
import { layerContext } from '@/lib/layers/layer-context';
import { AppFrame } from '../_components/AppFrame';
import { DataApp } from '../_components/data/DataApp';
import './data.css';

export const dynamic = 'force-dynamic';

/** 数据管理: the town's base layers, how many features each holds, and their download in the formats towns use. */
export default async function DataPage() {
  const actor = await requirePageActor('data:import');
  const { db } = await getDatabase();
  const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
  const counts = await layerCounts(db, BASE_LAYERS, { villages: scopedVillages(actor, []) }, await layerContext(db));
  return (
    <AppFrame {...(await frameProps(actor, '/data'))}>
      <DataApp
        layers={BASE_LAYERS.map((layer) => ({ layer, count: counts[layer] ?? 0 }))}
        villages={villages.map(({ code, name }) => ({ code, name }))}
      />
    </AppFrame>
  );
}
