import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { FIGURE_KEYS, figureLabel } from '../../lib/reports/figure-rows';
import { annualPdf, monthlyPdf } from '../../lib/reports/pdf';
import { annualReportData, monthlyReportData } from '../../lib/reports/report-data';
import { annualXlsx, monthlyXlsx } from '../../lib/reports/xlsx';
import { testEngines } from '../helpers/engines';
import { TODAY, V1, writeStatsTown } from '../stats/stats-town';
import { pdfFonts, pdfText, pdfValue, xlsxPairs, xlsxRows } from './read-back';

// V1's November 2026, counted by hand from tests/stats/stats-town.ts (see the period test in tests/stats).
const V1_NOVEMBER: Record<(typeof FIGURE_KEYS)[number], number | null> = {
  hazardsFound: 1,
  majorFound: 0,
  hazardsRectified: 1,
  openAtEnd: 1,
  openMajorAtEnd: 1,
  overdueAtEnd: 1,
  obstaclesFound: 0,
  obstaclesCleared: 1,
  obstaclesOpenAtEnd: 1,
  passageFixes: 0,
  drills: 1,
  drillParticipants: 12,
  trainings: 1,
  incidents: 0,
  deaths: 0,
  injuries: 0,
  lossYuan: 0,
};
// The town's 2026 (to Nov 30): found H1, H2, H4, H5, H6; closed H3 (Feb), H1 (Mar), H5 (Nov); open at the end
// H2, H4, H6 (H2 overdue); obstacles found O1, cleared O4; 6 drills (5+30+20+20+8+12 = 95 people … plus U1's 5);
// trainings 3; fires F2, F4 (1 death, 2 injuries, 5100 yuan).
const TOWN_2026: Partial<Record<(typeof FIGURE_KEYS)[number], number>> = {
  hazardsFound: 5,
  majorFound: 2,
  hazardsRectified: 3,
  openAtEnd: 3,
  openMajorAtEnd: 2,
  overdueAtEnd: 1,
  obstaclesFound: 1,
  obstaclesCleared: 1,
  obstaclesOpenAtEnd: 1,
  drills: 6,
  drillParticipants: 95,
  trainings: 3,
  incidents: 2,
  deaths: 1,
  injuries: 2,
  lossYuan: 5100,
};

// V1's 2026 (to Nov 30): found H1 (closed Mar), H2 (major, overdue), H5 (closed Nov); fire F2 (1 death, 2 injured, 5000 yuan).
const V1_2026: Partial<Record<(typeof FIGURE_KEYS)[number], number>> = {
  hazardsFound: 3,
  majorFound: 1,
  hazardsRectified: 2,
  openAtEnd: 1,
  openMajorAtEnd: 1,
  overdueAtEnd: 1,
  incidents: 1,
  deaths: 1,
  injuries: 2,
  lossYuan: 5000,
};

describe.each(testEngines)('reports on $name (stats town)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeStatsTown());
  });
  afterAll(() => handle?.close());

  it('writes the monthly village report as XLSX with the month figures and the hazard list', async () => {
    const report = await monthlyReportData(handle.db, { village: V1, month: '2026-11', today: TODAY });
    const xlsx = await monthlyXlsx(report);
    const pairs = await xlsxPairs(xlsx, '月报');
    for (const key of FIGURE_KEYS) expect(pairs.get(figureLabel(key)), key).toBe(V1_NOVEMBER[key] ?? '—');
    expect([...pairs.keys()]).toContain('示例数据（合成数据，非实测）'); // the mini town is seeded like the demo
    const hazards = await xlsxRows(xlsx, '隐患清单');
    // Found in November: H5 (closed 11-18); open at the end: H2 (overdue).
    expect(hazards.slice(1).map((row) => [row[0], row[3], row[7]])).toEqual([
      ['H2', '待整改', '是'],
      ['H5', '已销号', '否'],
    ]);
  });

  it('writes the same figures into the PDF, with the Chinese font embedded', async () => {
    const report = await monthlyReportData(handle.db, { village: V1, month: '2026-11', today: TODAY });
    const pdf = await monthlyPdf(report);
    const text = pdfText(pdf);
    expect(text).toContain('刘胡兰村 2026年11月 消防安全治本攻坚工作月报');
    expect(text).toContain('示例数据');
    for (const key of FIGURE_KEYS) expect(pdfValue(text, figureLabel(key)), key).toBe(String(V1_NOVEMBER[key] ?? '—'));
    expect(text).toMatch(/H2\s+消防车通道\s+重大隐患\s+待整改/);
    expect(pdfFonts(pdf)).toMatch(/WenQuanYi|CID|Identity-H/);
    // The sign-off, once, on one line, after the hazard list.
    expect(text).toMatch(/填报人（签字）\s+审核人（签字）\s+填报日期\s+盖章处/);
    expect(text.indexOf('填报人')).toBeGreaterThan(text.indexOf('H2'));
  });

  it('gives the status a hazard had at the end of a past month', async () => {
    // H4 moved to in_progress on 2026-03-01: pending at the end of February.
    const report = await monthlyReportData(handle.db, { village: '141121104202', month: '2026-02', today: TODAY });
    expect(report.hazards.map((h) => [h.code, h.status, h.open])).toEqual([
      ['H3', 'closed', false],
      ['H4', 'pending', true],
    ]);
  });

  it('writes the annual summary for the town as XLSX and PDF from the same figures', async () => {
    const report = await annualReportData(handle.db, { year: 2026, today: TODAY });
    const pairs = await xlsxPairs(await annualXlsx(report), '年度汇总');
    for (const [key, value] of Object.entries(TOWN_2026)) expect(pairs.get(figureLabel(key as never)), key).toBe(value);
    const byMonth = await xlsxRows(await annualXlsx(report), '分月');
    expect(byMonth).toHaveLength(13);
    expect(byMonth[11]![0]).toBe('2026-11');
    expect(byMonth[11]![1 + FIGURE_KEYS.indexOf('hazardsRectified')]).toBe(1); // H5
    expect(byMonth[2]![1 + FIGURE_KEYS.indexOf('incidents')]).toBe(1); // F2 in February
    const text = pdfText(await annualPdf(report));
    expect(text).toContain('刘胡兰镇 2026年 消防安全治本攻坚年度工作总结');
    for (const [key, value] of Object.entries(TOWN_2026)) expect(pdfValue(text, figureLabel(key as never)), key).toBe(String(value));
    expect(pdfValue(text, '年末隐患销号率')).toBe('50.0%'); // 3 of 6 found since the start
  });

  it("writes a village's own annual summary, with nothing of the other village", async () => {
    const report = await annualReportData(handle.db, { year: 2026, today: TODAY, villages: [V1] });
    expect(report.area).toBe('刘胡兰村');
    expect(report.villages.map((village) => village.code)).toEqual([V1]);
    const pairs = await xlsxPairs(await annualXlsx(report), '年度汇总');
    for (const [key, value] of Object.entries(V1_2026)) expect(pairs.get(figureLabel(key as never)), key).toBe(value);
    const text = pdfText(await annualPdf(report));
    expect(text).toContain('刘胡兰村 2026年 消防安全治本攻坚年度工作总结');
    expect(text).not.toContain('刘胡兰镇 2026年');
  });
});
