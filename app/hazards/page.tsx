import { getDatabase } from '@/db/client';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { ROLE_PERMISSIONS } from '@/lib/auth/roles';
import { inScope } from '@/lib/auth/scope';
import { basemapFromEnvironment } from '@/lib/map/basemap';
import { AppFrame } from '../_components/AppFrame';
import { OutboxProvider } from '../_components/field/OutboxContext';
import { HazardsApp } from '../_components/hazards/HazardsApp';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** 隐患清单 · 整改销号: the hazard list, map and rectification, limited to the user's villages. */
export default async function HazardsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor('data:read');
  const { db } = await getDatabase();
  const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
  const user = { id: actor.userId, username: actor.username };
  // The page's state lives in its URL: hand the client the same search part it will read and rewrite.
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(key, item);
  }
  return (
    <AppFrame {...(await frameProps(actor, '/hazards'))}>
      <OutboxProvider user={user} villages={villages}>
        <HazardsApp
          villages={villages}
          basemap={basemapFromEnvironment()}
          permissions={[...ROLE_PERMISSIONS[actor.role]]}
          initialSearch={search.toString()}
        />
      </OutboxProvider>
    </AppFrame>
  );
}
