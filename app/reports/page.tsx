import { getDatabase } from '@/db/client';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { inScope } from '@/lib/auth/scope';
import { chinaToday, lastCompleteMonth, monthOf, yearOf } from '@/lib/time';
import { AppFrame } from '../_components/AppFrame';
import { ReportsApp } from '../_components/reports/ReportsApp';
import './reports.css';

export const dynamic = 'force-dynamic';

/** 报表中心: the monthly village report (每月报送) and the town's annual summary (年度工作总结). */
export default async function ReportsPage() {
  const actor = await requirePageActor('reports:read');
  const { db } = await getDatabase();
  const villages = (await listVillages(db)).filter((village) => inScope(actor, village.code));
  const today = chinaToday();
  return (
    <AppFrame {...(await frameProps(actor, '/reports'))}>
      <ReportsApp
        villages={villages.map(({ code, name }) => ({ code, name }))}
        initialMonth={lastCompleteMonth(today)}
        currentMonth={monthOf(today)}
        currentYear={yearOf(today)}
      />
    </AppFrame>
  );
}
