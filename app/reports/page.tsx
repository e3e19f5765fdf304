import { cookies } from 'next/headers';
import { getDatabase } from '@/db/client';
import { hasDemoData } from '@/db/queries/health';
import { listVillages } from '@/db/queries/villages';
import { LOCALE_COOKIE, parseLocale } from '@/lib/i18n';
import { monthOf, todayInChina } from '@/lib/reports/period';
import { ReportsApp } from '../_components/reports/ReportsApp';
import './reports.css';

export const dynamic = 'force-dynamic';

/** 报表中心: the monthly village report (每月报送) and the town's annual summary (年度工作总结). */
export default async function ReportsPage() {
  // AUTH: reports:view (village officers see their own village in the list only)
  const { db } = await getDatabase();
  const [villages, demoData, cookieStore] = await Promise.all([listVillages(db), hasDemoData(db), cookies()]);
  const today = todayInChina();
  return (
    <ReportsApp
      locale={parseLocale(cookieStore.get(LOCALE_COOKIE)?.value)}
      villages={villages.map(({ code, name }) => ({ code, name }))}
      demoData={demoData}
      currentMonth={monthOf(today)}
      currentYear={Number(today.slice(0, 4))}
    />
  );
}
