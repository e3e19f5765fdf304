import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { appSession } from './app-session';
import { type AppDriver, VIEWPORTS } from './driver';
import { HazardsPage } from './hazards-driver';

interface HazardRow {
  id: number;
  code: string;
  status: string;
  category: string;
  lon: number;
  lat: number;
}

/** The inspector's hazards straight from the API (the reference the page is checked against). */
async function apiHazards(app: AppDriver, query: string): Promise<{ total: number; rows: HazardRow[]; byStatus: Record<string, number> }> {
  const answer = await app.fetchJson(`/api/v1/hazards?${query}`);
  expect(answer.status).toBe(200);
  return {
    total: answer.body.total,
    byStatus: answer.body.by_status,
    rows: answer.body.features.map((f: { properties: HazardRow; geometry: { coordinates: [number, number] } }) => ({
      ...f.properties,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
    })),
  };
}

/** An open hazard with this status in the inspector's villages, chosen now (other specs may have moved some); created when none is left. */
async function hazardWithStatus(app: AppDriver, status: string, except: number[] = []): Promise<HazardRow> {
  const found = (await apiHazards(app, `status=${status}&limit=1000`)).rows.find((row) => !except.includes(row.id));
  if (found) return found;
  const anywhere = (await apiHazards(app, 'limit=1')).rows[0]!;
  const created = await app.sendJson('POST', '/api/v1/hazards', {
    category: 'electrical',
    severity: 'general',
    description: 'e2e：临时拉接电线',
    location: { lon: anywhere.lon + 0.0001, lat: anywhere.lat },
  });
  expect(created.status).toBe(201);
  return (await apiHazards(app, 'status=pending&limit=1000')).rows.find((row) => row.id === created.body.hazard.id)!;
}

const OPEN_QUERY = 'status=pending,in_progress,awaiting_review';

/**
 * The list API's query for the page's current filter: the page's URL carries the API's parameters, except that
 * without a status the page shows the hazards not yet closed out.
 */
function apiQueryOf(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('selected');
  if (!params.has('status')) params.set('status', new URLSearchParams(OPEN_QUERY).get('status') ?? '');
  params.set('limit', '1000');
  return params.toString();
}

describe.each(inject('servers'))('hazards page on $engine', ({ url }) => {
  const session = appSession(url, VIEWPORTS.desktop, 'inspector');
  const second = appSession(url, VIEWPORTS.desktop, 'inspector');

  it('filters by a drawn polygon and a category, then closes a hazard out with an after-photo', async () => {
    const app = session();
    const target = await hazardWithStatus(app, 'pending');
    const page = new HazardsPage(app);
    await page.open();
    const openBefore = (await apiHazards(app, 'limit=1')).byStatus;

    // A square of about 70 × 60 m around the hazard, drawn on the map; then its category.
    await page.centreMapOn([target.lon, target.lat], 17);
    const [dx, dy] = [0.0004, 0.0003];
    await page.drawPolygon([
      [target.lon - dx, target.lat - dy],
      [target.lon + dx, target.lat - dy],
      [target.lon + dx, target.lat + dy],
      [target.lon - dx, target.lat + dy],
    ]);
    expect(page.search()).toContain('within=');
    await page.toggleCategory(target.category);

    // The page lists exactly what the API answers for the filter in its URL, and the hazard is in it.
    const reference = await apiHazards(app, apiQueryOf(page.search()));
    expect(reference.rows.every((row) => row.category === target.category)).toBe(true);
    expect(reference.rows.map((row) => row.id)).toContain(target.id);
    expect(await page.total()).toBe(reference.total);
    expect(await page.listedCodes()).toEqual(reference.rows.map((row) => row.code));
    const openInArea = await page.statusCount('open');
    expect(openInArea).toBe(['pending', 'in_progress', 'awaiting_review'].reduce((n, s) => n + (reference.byStatus[s] ?? 0), 0));

    // 待整改 → 整改中 → 待复查, an after-photo, → 已销号 (the photo is the evidence; no note needed).
    await page.openHazard(target.id);
    expect(await page.detailStatus()).toBe('pending');
    await page.step('in_progress', '已通知户主，开始清理');
    await page.step('awaiting_review');
    expect(await page.detailStatus()).toBe('awaiting_review');
    // Closing without an after-photo or a note is refused with the API's reason (422), and nothing changes.
    expect(await page.refusedStep('closed')).toContain('销号需要整改后照片或一段说明复查情况的复查意见');
    expect(await page.detailStatus()).toBe('awaiting_review');
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 140, b: 70 } } })
      .jpeg()
      .toBuffer();
    await page.uploadPhoto('after', jpeg);
    expect(await page.photoThumbnailsLoaded('after')).toBe(true);
    await page.step('closed');
    expect(await page.detailStatus()).toBe('closed');
    expect(await page.timelineActions()).toEqual(expect.arrayContaining(['created', 'transition']));
    expect((await page.timelineActions()).filter((a) => a === 'transition')).toHaveLength(3);
    await app.screenshot('hazards-closed-with-photo');

    // It leaves the open count, on the page and in the API.
    await app.page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=status-count-open]')?.textContent?.replace(/[^\d]/g, '')) === n,
      openInArea - 1,
      { timeout: 30_000 },
    );
    const after = (await apiHazards(app, 'limit=1')).byStatus;
    expect(after.pending ?? 0).toBe((openBefore.pending ?? 0) - 1);
    expect(after.closed).toBe((openBefore.closed ?? 0) + 1);
    const detail = await app.fetchJson(`/api/v1/hazards/${target.id}`);
    expect(detail.body.hazard.properties.status).toBe('closed');
    expect(detail.body.photos.map((p: { kind: string }) => p.kind)).toContain('after');
  });

  it('places a new hazard on the building clicked on the map and links it to that building', async () => {
    const app = session();
    const near = (await apiHazards(app, 'limit=1')).rows[0]!;
    const around = [near.lon - 0.004, near.lat - 0.004, near.lon + 0.004, near.lat + 0.004].join(',');
    const buildings = (await app.fetchJson(`/api/v1/layers/buildings?bbox=${around}`)).body.features as {
      properties: { id: number; code: string };
      geometry: { type: string; coordinates: [number, number][][] };
    }[];
    // The largest footprint nearby, clicked in its middle (the demo footprints are convex).
    const size = (ring: [number, number][]) =>
      (Math.max(...ring.map((p) => p[0])) - Math.min(...ring.map((p) => p[0]))) *
      (Math.max(...ring.map((p) => p[1])) - Math.min(...ring.map((p) => p[1])));
    const building = buildings
      .filter((b) => b.geometry.type === 'Polygon')
      .sort((a, b) => size(b.geometry.coordinates[0]!) - size(a.geometry.coordinates[0]!))[0]!;
    const ring = building.geometry.coordinates[0]!.slice(0, -1);
    const middle: [number, number] = [
      ring.reduce((sum, p) => sum + p[0], 0) / ring.length,
      ring.reduce((sum, p) => sum + p[1], 0) / ring.length,
    ];

    const page = new HazardsPage(app);
    await page.open();
    await page.startNewHazard();
    await page.centreMapOn(middle, 18);
    await page.clickBuildingAt(middle);
    expect(await page.newHazardBuilding()).toContain(building.properties.code);
    const id = await page.saveNewHazard('e2e：楼道堆放杂物');

    const stored = await app.fetchJson(`/api/v1/hazards/${id}`);
    expect(stored.body.hazard.properties.building_id).toBe(building.properties.id);
  });

  it('shows a second browser its stale edit as a conflict, with the newer state and nothing overwritten', async () => {
    const target = await hazardWithStatus(session(), 'in_progress');
    const first = new HazardsPage(session());
    const other = new HazardsPage(second());
    await first.open(`?selected=${target.id}`);
    await other.open(`?selected=${target.id}`);
    await first.app.page.locator(`[data-testid=hazard-detail][data-id="${target.id}"]`).waitFor();
    await other.app.page.locator(`[data-testid=hazard-detail][data-id="${target.id}"]`).waitFor();
    const version = await other.detailVersion();

    const stamp = Date.now().toString(36);
    await first.editResponsible(`王甲${stamp}`);
    await first.waitForEditSaved();
    expect(await first.detailVersion()).toBe(version + 1);

    await other.editResponsible(`李乙${stamp}`);
    expect(await other.conflictMessage()).toContain('该隐患已被他人更新，已显示最新状态');
    await other.app.page.waitForFunction(
      (v) => Number(document.querySelector('[data-testid=hazard-detail]')?.getAttribute('data-version')) === v,
      version + 1,
    );
    expect(await other.detailText()).toContain(`王甲${stamp}`);
    await other.app.screenshot('hazards-conflict');

    const stored = await session().fetchJson(`/api/v1/hazards/${target.id}`);
    expect(stored.body.hazard.properties.responsible_person).toBe(`王甲${stamp}`);
    expect(stored.body.hazard.properties.version).toBe(version + 1);
  });

  it('opens on the hazards not yet closed out, with 全部 one click away', async () => {
    const app = session();
    const page = new HazardsPage(app);
    await page.open();
    const open = await apiHazards(app, `${OPEN_QUERY}&limit=1`);
    const all = await apiHazards(app, 'limit=1');
    expect(open.total).toBeLessThan(all.total);
    expect(await page.total()).toBe(open.total);
    await page.chooseStatusTab('all');
    expect(await page.total()).toBe(all.total);
    // 全部 survives a reload: it is in the URL, not the default.
    await page.open(page.search());
    expect(await page.total()).toBe(all.total);
  });

  it('downloads the filtered list as XLSX that matches the list from the API', async () => {
    const app = session();
    const page = new HazardsPage(app);
    await page.open();
    await page.chooseStatusTab('closed');
    const reference = await apiHazards(app, apiQueryOf(page.search()));
    expect(reference.total).toBeGreaterThan(0);

    const file = await page.download('xlsx');
    expect(file.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('隐患清单')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('编号');
    const statusColumn = header.indexOf('状态') + 1;
    const codes: string[] = [];
    const statuses = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      codes.push(String(row.getCell(1).value));
      statuses.add(String(row.getCell(statusColumn).value));
    });
    expect(codes).toEqual(reference.rows.map((row) => row.code));
    expect([...statuses]).toEqual(['已销号']);
  });

  it('imports a checked CSV all at once after a report of every bad cell', async () => {
    const app = session();
    const page = new HazardsPage(app);
    await page.open();
    const place = (await apiHazards(app, 'limit=1')).rows[0]!;
    const village = (await app.fetchJson(`/api/v1/hazards/${place.id}`)).body.hazard.properties.village_name as string;
    const code = `E2E-${Date.now().toString(36)}`;
    const header = '编号,村,类别,等级,隐患描述,发现日期,责任人,经度,纬度';
    const good = `${code},${village},电气线路,一般,私拉乱接电线,2026-03-01,张三,${place.lon},${place.lat}`;
    const bad = `${code}-2,${village},电气线路,特别,灶台旁堆放柴草,2026-13-01,李四,${place.lon},${place.lat}`;
    const totalBefore = (await apiHazards(app, 'limit=1')).total;
    const openBefore = (await apiHazards(app, `${OPEN_QUERY}&limit=1`)).total;

    await page.chooseImportFile('清单.csv', Buffer.from(`${header}\n${good}\n${bad}\n`));
    const problems = await page.importProblems();
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, '等级'],
      [3, '发现日期'],
    ]);
    expect(await page.importAllowed()).toBe(false);
    await app.screenshot('hazards-import-report');

    await page.chooseImportFile('清单.csv', Buffer.from(`${header}\n${good}\n`));
    expect(await page.importProblems()).toEqual([]);
    expect(await page.commitImport()).toBe(1);
    expect((await apiHazards(app, 'limit=1')).total).toBe(totalBefore + 1);
    // The page shows the open hazards, which the new one (待整改) joins.
    expect(await page.total()).toBe(openBefore + 1);
    expect((await apiHazards(app, `q=${code}`)).rows.map((row) => row.code)).toEqual([code]);
  });

  it("shows the API's message for an unknown value in a hand-edited URL instead of failing", async () => {
    const page = new HazardsPage(session());
    await page.open('?category=nonsense');
    expect(await page.listError()).toContain('未知的 category“nonsense”');
  });
});
