import { getDatabase } from '@/db/client';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { inScope } from '@/lib/auth/scope';
import { AppFrame } from '../../_components/AppFrame';
import { AuditView } from './AuditView';

export const dynamic = 'force-dynamic';

/** 审计日志: who changed what and when (责任倒查). Filters come from the URL so a view can be shared. */
export default async function AuditPage() {
  const actor = await requirePageActor('audit:read');
  const { db } = await getDatabase();
  const villages = (await listVillages(db)).filter((v) => inScope(actor, v.code)).map(({ code, name }) => ({ code, name }));
  return (
    <AppFrame {...(await frameProps(actor, '/admin/audit'))}>
      <AuditView villages={villages} />
    </AppFrame>
  );
}
