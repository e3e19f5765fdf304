import { describe, expect, inject, it } from 'vitest';
import { AuditPage } from './admin-driver';
import { appSession } from './app-session';
import { AnalysisPanelDriver, OverviewPage } from './driver';
import { HazardsPage } from './hazards-driver';

const server = inject('servers').find((s) => s.engine === 'pglite')!;

const PAGE_SIZE = 50;

interface ApiFinding {
  properties: { measured: number | null; threshold: number; building_ids?: number[]; building_codes?: string[]; rule_id: string };
}

/** The list's order, worked out from the API's findings: furthest past the rule first (unmeasured first of all), ties by position. */
function furthestFirst(features: ApiFinding[]): number[] {
  const gap = ({ properties: { measured, threshold } }: ApiFinding) =>
    measured === null ? Number.POSITIVE_INFINITY : Math.round(Math.abs(threshold - measured) * 100) / 100;
  return features.map((_, index) => index).sort((a, b) => gap(features[b]!) - gap(features[a]!) || a - b);
}

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
    expect(await panel.listedFindings()).toBe(Math.min(total, PAGE_SIZE));

    const first = api.body.features[furthestFirst(api.body.features)[0]!].properties;
    const rule = api.body.rules.find((r: { rule_id: string }) => r.rule_id === first.rule_id);
    const why = await panel.openFinding(0);
    expect(why).toBe(`判定依据：${rule.description_zh}（${first.clause}）`);
    expect(await overview.mapImage()).not.toEqual(before);
    await session().screenshot('analysis-passages-finding');
  });

  it('lists every spacing finding furthest off first, page by page, and groups them by village', async () => {
    const api = await session().fetchJson('/api/v1/analysis/spacing');
    const features: ApiFinding[] = api.body.features;
    const total = features.length;
    expect(total).toBeGreaterThan(PAGE_SIZE * 2);
    const order = furthestFirst(features);

    const overview = new OverviewPage(session());
    await overview.open();
    const panel = new AnalysisPanelDriver(session());
    await panel.run('spacing');
    expect(await panel.listedIndexes()).toEqual(order.slice(0, PAGE_SIZE));
    expect(await panel.pageText()).toBe(`第 1 / ${Math.ceil(total / PAGE_SIZE)} 页 · 共 ${total.toLocaleString('zh-CN')} 项`);
    const top = features[order[0]!]!.properties;
    expect(await panel.findingBuildings(0)).toContain(`${top.building_codes![0]}`);
    expect(await panel.findingBuildings(0)).toContain(`${top.building_codes![1]}`);
    await session().screenshot('analysis-spacing-findings');
    await panel.nextPage();
    expect(await panel.listedIndexes()).toEqual(order.slice(PAGE_SIZE, 2 * PAGE_SIZE));

    await panel.groupByVillage();
    const headings = await panel.groupHeadings();
    expect(headings.length).toBeGreaterThan(0);
    expect(new Set(headings).size).toBe(headings.length);
    await session().screenshot('analysis-spacing-by-village');
  });

  it('turns a spacing finding into a hazard linked to both of its buildings', async () => {
    const api = await session().fetchJson('/api/v1/analysis/spacing');
    const features: ApiFinding[] = api.body.features;
    const finding = features[furthestFirst(features)[0]!]!.properties;
    const [codeA, codeB] = finding.building_codes!;

    const overview = new OverviewPage(session());
    await overview.open();
    const panel = new AnalysisPanelDriver(session());
    await panel.run('spacing');
    await panel.turnIntoHazard(0);
    const hazards = new HazardsPage(session());
    const shown = [await hazards.newHazardBuilding(), await hazards.newHazardPairedBuilding()].join(' ');
    expect(shown).toContain(codeA);
    expect(shown).toContain(codeB);
    const description = await hazards.newHazardDescription();
    expect(description).toContain(codeA!);
    expect(description).toContain(codeB!);
    const id = await hazards.saveNewHazard();

    const stored = await session().fetchJson(`/api/v1/hazards/${id}`);
    expect(stored.status).toBe(200);
    const { building_id, paired_building_id, rule_id } = stored.body.hazard.properties;
    expect([building_id, paired_building_id].sort((x, y) => x - y)).toEqual([...finding.building_ids!].sort((x, y) => x - y));
    expect(rule_id).toBe(finding.rule_id);
    expect([stored.body.linked.code, stored.body.paired.code].sort()).toEqual([codeA, codeB].sort());
    expect(await session().text('hazard-paired-building')).toContain(stored.body.paired.code);
    await session().screenshot('hazard-from-spacing-finding');

    // The audit log names the hazard and both buildings rather than their ids.
    const audit = new AuditPage(session());
    await audit.openRecord('hazards', id);
    const [created] = await audit.rows();
    expect(created!.record).toContain(stored.body.hazard.properties.code);
    expect(created!.changes).toContain(`相距过近的建筑: ${stored.body.paired.code}`);
    expect(created!.changes).toContain('隐患类别: 防火间距');
    await session().screenshot('audit-hazard-from-finding');
  });
});
