import { notFound } from 'next/navigation';
import { getDatabase } from '@/db/client';
import { type PlateKind, plateRecord } from '@/db/queries/plates';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { can } from '@/lib/auth/roles';
import { AppFrame } from '../../../_components/AppFrame';
import { PlateRecordView } from '../../../_components/PlateRecordView';

export const dynamic = 'force-dynamic';

const KINDS: Record<string, PlateKind> = { b: 'building', u: 'unit' };

/** What a house plate's QR code (一户一码) opens: the building or unit with its open hazards (404 outside the scope). */
export default async function PlatePage({ params }: { params: Promise<{ kind: string; code: string }> }) {
  const actor = await requirePageActor('data:read');
  const { kind: kindSegment, code } = await params;
  const kind = KINDS[kindSegment];
  if (!kind) notFound();
  const { db } = await getDatabase();
  const record = await plateRecord(db, kind, decodeURIComponent(code), actor.villages);
  if (!record) notFound();
  return (
    <AppFrame {...(await frameProps(actor, '/hazards'))}>
      <PlateRecordView record={record} canReport={can(actor.role, 'hazards:report')} />
    </AppFrame>
  );
}
