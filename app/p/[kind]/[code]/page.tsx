import { notFound } from 'next/navigation';
import { getDatabase } from '@/db/client';
import { type PlateKind, plateRecord } from '@/db/queries/plates';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { can } from '@/lib/auth/roles';
import { AppFrame } from '../../../_components/AppFrame';
import { OutboxProvider } from '../../../_components/field/OutboxContext';
import { PlateRecordView } from '../../../_components/PlateRecordView';

export const dynamic = 'force-dynamic';

const KINDS: Record<string, PlateKind> = { b: 'building', u: 'unit' };
const NO_VILLAGES: { bbox: [number, number, number, number] }[] = [];

/**
 * What a house plate's QR code (一户一码) opens: the building or unit with its open hazards (404 outside the scope).
 * Users who record hazards get the field outbox here too: a building's 现场核查 is kept on the phone until sent.
 */
export default async function PlatePage({ params }: { params: Promise<{ kind: string; code: string }> }) {
  const actor = await requirePageActor('data:read');
  const { kind: kindSegment, code } = await params;
  const kind = KINDS[kindSegment];
  if (!kind) notFound();
  const { db } = await getDatabase();
  const record = await plateRecord(db, kind, decodeURIComponent(code), actor.villages);
  if (!record) notFound();
  const canReport = can(actor.role, 'hazards:report');
  const view = <PlateRecordView record={record} canReport={canReport} checkerName={actor.displayName} />;
  return (
    <AppFrame {...(await frameProps(actor, '/hazards'))}>
      {canReport ? (
        // The building tiles of the offline package are the hazards page's to keep; this page keeps itself.
        <OutboxProvider user={{ id: actor.userId, username: actor.username }} villages={NO_VILLAGES}>
          {view}
        </OutboxProvider>
      ) : (
        view
      )}
    </AppFrame>
  );
}
