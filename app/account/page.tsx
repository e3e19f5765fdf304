import { headers } from 'next/headers';
import { getDatabase } from '@/db/client';
import { listApiTokens } from '@/db/queries/api-tokens';
import { publicOrigin } from '@/lib/api/public-origin';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { AppFrame } from '../_components/AppFrame';
import { ApiTokens } from './ApiTokens';

export const dynamic = 'force-dynamic';

/** 我的账户: the signed-in user's personal API tokens for QGIS and GDAL. */
export default async function AccountPage() {
  const actor = await requirePageActor('data:read');
  const { db } = await getDatabase();
  const [tokens, requestHeaders] = await Promise.all([listApiTokens(db, actor.userId), headers()]);
  // The address as this browser reached the app, which is what QGIS on the same network will use.
  const ogcUrl = `${publicOrigin(requestHeaders)}/ogc`;
  return (
    <AppFrame {...(await frameProps(actor, '/account'))}>
      <ApiTokens initialTokens={tokens} ogcUrl={ogcUrl} />
    </AppFrame>
  );
}
