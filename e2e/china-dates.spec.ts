import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaToday, monthOf } from '../lib/time';
import { xlsxRows } from '../tests/reports/read-back';
import { AppDriver, launchBrowser, VIEWPORTS } from './driver';
import { HazardsPage } from './hazards-driver';
import { type RunningServer, startServer } from './server';

// Yesterday in China at 02:40, which is 18:40 UTC the day before: the day a hazard closed then counts on is
// the China date, never the UTC one.
const closedDay = addDays(chinaToday(), -1);
const utcDay = addDays(closedDay, -1);
const clockStart = `${closedDay}T02:40:00+08:00`;

describe('a hazard closed at 02:40 China time carries the China date everywhere', () => {
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;
  let hazards: HazardsPage;
  let hazard: { id: number; code: string; village: string };

  beforeAll(async () => {
    // A server of its own whose clock reads 02:40 in China; the browser sits in California, so a date turned
    // into local time anywhere on the page would show up as the wrong day.
    server = await startServer({
      NODE_OPTIONS: `--import=${pathToFileURL(path.resolve('e2e/fixed-clock.mjs')).href}`,
      E2E_CLOCK_START: clockStart,
    });
    browser = await launchBrowser();
    app = await AppDriver.open(browser, server.url, VIEWPORTS.desktop, { timezoneId: 'America/Los_Angeles' });
    await app.signIn('office');
    hazards = new HazardsPage(app);
    const waiting = await app.fetchJson('/api/v1/hazards?status=awaiting_review&limit=1');
    const feature = waiting.body.features[0];
    hazard = { id: feature.properties.id, code: feature.properties.code, village: feature.properties.village_code };
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.stop();
  });

  it('is closed out (销号) through the page at 02:40 China time', async () => {
    expect(await hazards.open(`?q=${hazard.code}`)).toBe(200);
    await hazards.openHazard(hazard.id);
    await hazards.step('closed', '复查合格，予以销号');
    expect(await hazards.detailStatus()).toBe('closed');
    const detail = await app.fetchJson(`/api/v1/hazards/${hazard.id}`);
    expect(detail.body.hazard.properties.closed_on).toBe(closedDay);
  });

  it('shows the China date in the detail and on its row of the list', async () => {
    expect(await hazards.detailField('销号日期')).toBe(closedDay);
    expect(await hazards.open(`?status=closed&q=${hazard.code}`)).toBe(200);
    expect(await hazards.closedOnInList(hazard.id)).toBe(closedDay);
    await app.screenshot('china-dates-list');
  });

  it('writes the China date into the XLSX export, whose file name is dated in China too', async () => {
    const file = await hazards.download('xlsx');
    expect(file.name).toBe(`隐患清单-${closedDay}.xlsx`);
    const [header, ...rows] = await xlsxRows(file.bytes, '隐患清单');
    const row = rows.find((cells) => cells[header!.indexOf('编号')] === hazard.code);
    expect(row?.[header!.indexOf('销号日期')]).toBe(closedDay);
  });

  it("counts it in the monthly report of the China date's month, closed on the China date", async () => {
    const report = await app.fetchFile(`/api/v1/reports/monthly?village=${hazard.village}&month=${monthOf(closedDay)}&format=xlsx`);
    expect(report.status).toBe(200);
    const [header, ...rows] = await xlsxRows(report.bytes, '隐患清单');
    const row = rows.find((cells) => cells[header!.indexOf('编号')] === hazard.code);
    expect(row?.[header!.indexOf('销号日期')]).toBe(closedDay);
    if (monthOf(utcDay) !== monthOf(closedDay)) {
      // The UTC day is in the month before: that month's report must not have it closed.
      const before = await app.fetchFile(`/api/v1/reports/monthly?village=${hazard.village}&month=${monthOf(utcDay)}&format=xlsx`);
      const [beforeHeader, ...beforeRows] = await xlsxRows(before.bytes, '隐患清单');
      const earlier = beforeRows.find((cells) => cells[beforeHeader!.indexOf('编号')] === hazard.code);
      expect(earlier?.[beforeHeader!.indexOf('销号日期')] ?? '').toBe('');
    }
  });
});
