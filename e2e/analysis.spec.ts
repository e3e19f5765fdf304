import { describe, expect, inject, it } from 'vitest';
import { appSession } from './app-session';
import { AnalysisPanelDriver, OverviewPage } from './driver';

const server = inject('servers').find((s) => s.engine === 'pglite')!;

describe('analysis panel on the map', () => {
  const session = appSession(server.url);

  it('runs an analysis, lists its findings with the rule broken, and draws them', async () => {
    const overview = new OverviewPage(session());
    await overview.open();
    const before = await overview.mapImage();

    // The same analysis straight from the API: the panel must show its total and first finding's rule.
    const api = await session().fetchJson('/api/v1/analysis/passages');
    expect(api.status).toBe(200);
    const total: number = api.body.summary.total;
    expect(total).toBeGreaterThan(0);

    const panel = new AnalysisPanelDriver(session());
    await panel.run('passages');
    expect(await panel.totalText()).toBe(`消防车通道 · 发现问题 ${total.toLocaleString('zh-CN')}`);
    expect(await panel.listedFindings()).toBe(Math.min(total, 200));

    const first = api.body.features[0].properties;
    const rule = api.body.rules.find((r: { rule_id: string }) => r.rule_id === first.rule_id);
    const why = await panel.openFinding(0);
    expect(why).toBe(`判定依据：${rule.description_zh}（${first.clause}）`);
    expect(await overview.mapImage()).not.toEqual(before);
    await session().screenshot('analysis-passages-finding');
  });
});
