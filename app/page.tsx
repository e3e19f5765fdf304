import { getDatabase } from '@/db/client';
import { hasDemoData, tableCounts } from '@/db/queries/health';

export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  const { db, engine } = await getDatabase();
  const [counts, demo] = await Promise.all([tableCounts(db), hasDemoData(db)]);
  return (
    <main style={{ padding: 24 }}>
      <h1 data-testid="app-title">刘胡兰镇消防安全一张图</h1>
      {demo && <span data-testid="demo-badge">示例数据</span>}
      <p>数据库：{engine}</p>
      <ul>
        {Object.entries(counts).map(([table, n]) => (
          <li key={table}>
            {table}: {n}
          </li>
        ))}
      </ul>
    </main>
  );
}
