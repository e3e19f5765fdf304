import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FIGURE_KEYS, figureLabel } from '../lib/reports/figure-rows';
import { pdfText, pdfValue, xlsxPairs } from '../tests/reports/read-back';
import { AppDriver, launchBrowser, VIEWPORTS } from './driver';
import { ReportsPage } from './screen-driver';

const server = inject('servers').find((s) => s.engine === 'pglite')!;

describe('reports page: the monthly report downloaded matches the stats API', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.open(browser, server.url, VIEWPORTS.desktop);
    await app.signIn('office');
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  it('previews, then downloads XLSX and PDF of 南安村, October 2026, with the API figures', async () => {
    const village = '141121104213';
    const month = '2026-10';
    const reports = new ReportsPage(app);
    expect(await reports.open()).toBe(200);
    // It opens on the last month that has ended in China, the month a report is written about.
    const [year, thisMonth] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number);
    const expected = thisMonth === 1 ? `${year! - 1}-12` : `${year}-${String(thisMonth! - 1).padStart(2, '0')}`;
    expect(await reports.month()).toBe(expected);
    await reports.choose(village, month);
    const api = await app.fetchJson(`/api/v1/stats/monthly?village=${village}&month=${month}`);
    expect(api.status).toBe(200);
    const figures = api.body.figures as Record<string, number | null>;
    for (const key of FIGURE_KEYS) expect(await reports.figure(key), key).toBe(String(figures[key] ?? '—'));
    await app.screenshot('reports-page');

    const xlsx = await reports.download('monthly-xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const pairs = await xlsxPairs(xlsx.bytes, '月报');
    const pdf = await reports.download('monthly-pdf');
    const text = pdfText(pdf.bytes);
    expect(text).toContain('南安村 2026年10月');
    for (const key of FIGURE_KEYS) {
      expect(pairs.get(figureLabel(key)), key).toBe(figures[key] ?? '—');
      expect(pdfValue(text, figureLabel(key)), key).toBe(figures[key] === null ? '—' : String(figures[key]));
    }
  });

  it('answers bad report parameters with 400 and a message', async () => {
    const bad = await app.fetchJson('/api/v1/reports/monthly?village=141121104213&month=2026-13&format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/月份格式必须是 YYYY-MM/);
    expect((await app.fetchJson('/api/v1/reports/annual?year=2026&format=doc')).status).toBe(400);
    expect((await app.fetchJson('/api/v1/stats/screen?village=1')).status).toBe(400);
  });
});
