import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppDriver, launchBrowser } from './driver';

const servers = inject('servers');

/** The inspector's and village officer's own village (the demo accounts: seat village), and one no scoped demo user has. */
const OWN = '141121104201';
const OTHER = '141121104210';
const ROLES = ['leader', 'office', 'planner', 'inspector', 'village', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Cell = 'own' | 'other';

/**
 * The expected answer for every role × action × village, written by hand from the role descriptions
 * (not from the code's permission table): 领导 reads everything; 办公室 and 管理员 do everything; 规划 reads;
 * 检查员 and 村级 see and act only in their villages (403 when asking for another village's list, 404 for
 * another village's record); only 检查员/办公室/管理员 re-check; only 办公室/管理员 manage users.
 */
const EXPECTED: Record<string, Record<Role, Record<Cell, number>>> = {
  'list hazards of a village': {
    leader: { own: 200, other: 200 },
    office: { own: 200, other: 200 },
    planner: { own: 200, other: 200 },
    inspector: { own: 200, other: 403 },
    village: { own: 200, other: 403 },
    admin: { own: 200, other: 200 },
  },
  'read one hazard': {
    leader: { own: 200, other: 200 },
    office: { own: 200, other: 200 },
    planner: { own: 200, other: 200 },
    inspector: { own: 200, other: 404 },
    village: { own: 200, other: 404 },
    admin: { own: 200, other: 200 },
  },
  'run an analysis for a village': {
    leader: { own: 200, other: 200 },
    office: { own: 200, other: 200 },
    planner: { own: 200, other: 200 },
    inspector: { own: 200, other: 403 },
    village: { own: 200, other: 403 },
    admin: { own: 200, other: 200 },
  },
  'export hazards of a village': {
    leader: { own: 200, other: 200 },
    office: { own: 200, other: 200 },
    planner: { own: 200, other: 200 },
    inspector: { own: 200, other: 403 },
    village: { own: 200, other: 403 },
    admin: { own: 200, other: 200 },
  },
  'record a hazard': {
    leader: { own: 403, other: 403 },
    office: { own: 201, other: 201 },
    planner: { own: 403, other: 403 },
    inspector: { own: 201, other: 403 },
    village: { own: 201, other: 403 },
    admin: { own: 201, other: 201 },
  },
  'start rectification (待整改 → 整改中)': {
    leader: { own: 403, other: 403 },
    office: { own: 200, other: 200 },
    planner: { own: 403, other: 403 },
    inspector: { own: 200, other: 404 },
    village: { own: 200, other: 404 },
    admin: { own: 200, other: 200 },
  },
  'close out (待复查 → 已销号)': {
    leader: { own: 403, other: 403 },
    office: { own: 200, other: 200 },
    planner: { own: 403, other: 403 },
    inspector: { own: 200, other: 404 },
    village: { own: 403, other: 404 },
    admin: { own: 200, other: 200 },
  },
  'monthly report of a village (XLSX)': {
    leader: { own: 200, other: 200 },
    office: { own: 200, other: 200 },
    planner: { own: 200, other: 200 },
    inspector: { own: 200, other: 403 },
    village: { own: 200, other: 403 },
    admin: { own: 200, other: 200 },
  },
  'edit a hazard': {
    leader: { own: 403, other: 403 },
    office: { own: 200, other: 200 },
    planner: { own: 403, other: 403 },
    inspector: { own: 200, other: 404 },
    village: { own: 200, other: 404 },
    admin: { own: 200, other: 200 },
  },
};

/** Town-wide actions (no village): users, audit log, wall screen, the town's annual summary, planning. */
const TOWN_EXPECTED: Record<string, Record<Role, number>> = {
  'list users': { leader: 403, office: 200, planner: 403, inspector: 403, village: 403, admin: 200 },
  'read the audit log': { leader: 200, office: 200, planner: 403, inspector: 403, village: 403, admin: 200 },
  'wall screen figures': { leader: 200, office: 200, planner: 403, inspector: 403, village: 403, admin: 200 },
  'passage fixes (planning)': { leader: 403, office: 200, planner: 200, inspector: 403, village: 403, admin: 200 },
  'placement suggestions': { leader: 403, office: 200, planner: 200, inspector: 403, village: 403, admin: 200 },
};

describe.each(servers)('permissions over HTTP on $engine', ({ url }) => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const sessions = {} as Record<Role, AppDriver>;
  const place = {} as Record<Cell, { lon: number; lat: number }>;

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const role of ROLES) {
      sessions[role] = await AppDriver.open(browser, url);
      await sessions[role].signIn(role);
    }
    for (const [cell, village] of [
      ['own', OWN],
      ['other', OTHER],
    ] as const) {
      const list = await sessions.office.fetchJson(`/api/v1/hazards?village=${village}&limit=1`);
      const [lon, lat] = list.body.features[0].geometry.coordinates;
      place[cell] = { lon, lat };
    }
  }, 120_000);
  afterAll(async () => {
    for (const session of Object.values(sessions)) await session.close();
    await browser?.close();
  });

  const villageOf = (cell: Cell) => (cell === 'own' ? OWN : OTHER);

  /** A fresh hazard recorded by the office, moved to `status` first, so every cell acts on its own record. */
  async function freshHazard(cell: Cell, status: 'pending' | 'awaiting_review'): Promise<{ id: number; version: number }> {
    const created = await sessions.office.sendJson('POST', '/api/v1/hazards', {
      category: 'fire_use',
      severity: 'general',
      description: '权限测试',
      location: place[cell],
    });
    expect(created.status).toBe(201);
    let version = 1;
    const id = created.body.hazard.id as number;
    if (status === 'awaiting_review') {
      for (const to of ['in_progress', 'awaiting_review']) {
        const step = await sessions.office.sendJson('POST', `/api/v1/hazards/${id}/transitions`, { to, version, note: '' });
        version = step.body.version;
      }
    }
    return { id, version };
  }

  const ACTIONS: Record<string, (role: Role, cell: Cell) => Promise<number>> = {
    'list hazards of a village': async (role, cell) =>
      (await sessions[role].fetchJson(`/api/v1/hazards?village=${villageOf(cell)}&limit=5`)).status,
    'read one hazard': async (role, cell) => {
      const list = await sessions.office.fetchJson(`/api/v1/hazards?village=${villageOf(cell)}&limit=1`);
      return (await sessions[role].fetchJson(`/api/v1/hazards/${list.body.features[0].properties.id}`)).status;
    },
    'run an analysis for a village': async (role, cell) =>
      (await sessions[role].fetchJson(`/api/v1/analysis/stacks?village=${villageOf(cell)}`)).status,
    'export hazards of a village': async (role, cell) =>
      (await sessions[role].page.request.get(`${url}/api/v1/hazards/export?format=csv&village=${villageOf(cell)}`)).status(),
    'record a hazard': async (role, cell) =>
      (
        await sessions[role].sendJson('POST', '/api/v1/hazards', {
          category: 'other',
          severity: 'general',
          description: '权限测试',
          location: place[cell],
        })
      ).status,
    'start rectification (待整改 → 整改中)': async (role, cell) => {
      const hazard = await freshHazard(cell, 'pending');
      return (
        await sessions[role].sendJson('POST', `/api/v1/hazards/${hazard.id}/transitions`, {
          to: 'in_progress',
          version: hazard.version,
          note: '',
        })
      ).status;
    },
    'close out (待复查 → 已销号)': async (role, cell) => {
      const hazard = await freshHazard(cell, 'awaiting_review');
      return (
        await sessions[role].sendJson('POST', `/api/v1/hazards/${hazard.id}/transitions`, {
          to: 'closed',
          version: hazard.version,
          note: '复查合格',
        })
      ).status;
    },
    'monthly report of a village (XLSX)': async (role, cell) =>
      (
        await sessions[role].page.request.get(`${url}/api/v1/reports/monthly?village=${villageOf(cell)}&month=2026-10&format=xlsx`)
      ).status(),
    'edit a hazard': async (role, cell) => {
      const hazard = await freshHazard(cell, 'pending');
      return (
        await sessions[role].sendJson('PATCH', `/api/v1/hazards/${hazard.id}`, { version: hazard.version, responsible_person: '李四' })
      ).status;
    },
  };

  for (const [action, expected] of Object.entries(EXPECTED)) {
    it(`${action}: every role, own and other village`, async () => {
      const actual = {} as Record<Role, Record<Cell, number>>;
      for (const role of ROLES) actual[role] = { own: await ACTIONS[action]!(role, 'own'), other: await ACTIONS[action]!(role, 'other') };
      expect(actual).toEqual(expected);
    }, 120_000);
  }

  it('writes an audit row for every edit, with the user and before/after values, and offers no way to change them', async () => {
    const hazard = await freshHazard('own', 'pending');
    await sessions.inspector.sendJson('POST', `/api/v1/hazards/${hazard.id}/transitions`, {
      to: 'in_progress',
      version: 1,
      note: '开始整改',
    });
    await sessions.village.sendJson('PATCH', `/api/v1/hazards/${hazard.id}`, { version: 2, responsible_person: '王五' });
    const audit = await sessions.admin.fetchJson(`/api/v1/audit?table=hazards&record=${hazard.id}`);
    const rows = audit.body.rows as {
      action: string;
      actor: string;
      role: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown>;
    }[];
    expect(rows.map((r) => `${r.action}:${r.actor}:${r.role}`)).toEqual([
      'update:village:village',
      'transition:inspector:inspector',
      'create:office:office',
    ]);
    expect(rows[0]!.before!.responsible_person).toBeNull();
    expect(rows[0]!.after.responsible_person).toBe('王五');
    for (const method of ['DELETE', 'PATCH', 'POST'] as const) {
      expect((await sessions.admin.sendJson(method, '/api/v1/audit', {})).status).toBe(405);
    }
  });

  it('town-wide pages of data (users, audit log, wall screen, annual summary): every role', async () => {
    const TOWN_ACTIONS: Record<string, (role: Role) => Promise<number>> = {
      'list users': async (role) => (await sessions[role].fetchJson('/api/v1/users')).status,
      'read the audit log': async (role) => (await sessions[role].fetchJson('/api/v1/audit?limit=1')).status,
      'wall screen figures': async (role) => (await sessions[role].fetchJson('/api/v1/stats/screen')).status,
      'passage fixes (planning)': async (role) => (await sessions[role].fetchJson('/api/v1/passage-fixes')).status,
      'placement suggestions': async (role) => (await sessions[role].fetchJson('/api/v1/suggestions/station?k=1')).status,
    };
    const actual: Record<string, Record<Role, number>> = {};
    for (const [action, run] of Object.entries(TOWN_ACTIONS)) {
      actual[action] = {} as Record<Role, number>;
      for (const role of ROLES) actual[action]![role] = await run(role);
    }
    expect(actual).toEqual(TOWN_EXPECTED);
  }, 180_000);

  it("gives each role the annual summary of what it sees: the town's, or its own village's", async () => {
    const annual = async (role: Role) => {
      const response = await sessions[role].page.request.get(`${url}/api/v1/reports/annual?year=2025&format=xlsx`);
      expect(response.status(), role).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await response.body()) as unknown as ArrayBuffer);
      const villages: string[] = [];
      book.getWorksheet('分村')?.eachRow((row, n) => {
        if (n > 1) villages.push(String(row.getCell(1).value));
      });
      return { title: String(book.getWorksheet('年度汇总')?.getCell('A1').value), villages };
    };
    const town = await annual('office');
    expect(town.title).toBe('刘胡兰镇 2025年 消防安全治本攻坚年度工作总结');
    const me = await sessions.village.fetchJson('/api/auth/me');
    const known = (await sessions.office.fetchJson('/api/v1/villages')).body.villages as { code: string; name: string }[];
    const own = known.filter((village) => me.body.villages.includes(village.code)).map((village) => village.name);
    expect(own).toHaveLength(1);
    const village = await annual('village');
    expect(village.title).toBe(`${own[0]} 2025年 消防安全治本攻坚年度工作总结`);
    expect(village.villages).toEqual(own);
    expect(town.villages.length).toBe(known.length);
  });

  it('gives a village officer nothing of another village through lists, counts, search, tiles, exports or analyses', async () => {
    const officer = sessions.village;
    const hazards = JSON.parse(fs.readFileSync('geodata/hazards.geojson', 'utf8')).features as {
      properties: { village_code: string; status: string };
    }[];
    const ownOpen = hazards.filter((h) => h.properties.village_code === OWN && h.properties.status !== 'closed').length;
    const ownAll = hazards.filter((h) => h.properties.village_code === OWN).length;

    const villages = await officer.fetchJson('/api/v1/villages');
    expect(villages.body.villages.map((v: { code: string }) => v.code)).toEqual([OWN]);
    // Counts and lists default to the officer's village; hazards recorded by other specs only add to OWN.
    const counts = await officer.fetchJson('/api/v1/counts?layer=hazards');
    expect(counts.body.counts.hazards).toBeGreaterThanOrEqual(ownOpen);
    const list = await officer.fetchJson('/api/v1/hazards?limit=1000');
    expect(list.body.total).toBeGreaterThanOrEqual(ownAll);
    expect(new Set(list.body.features.map((f: { properties: { village_code: string } }) => f.properties.village_code))).toEqual(
      new Set([OWN]),
    );
    const layer = await officer.fetchJson('/api/v1/layers/buildings');
    expect(new Set(layer.body.features.map((f: { properties: { village_code: string } }) => f.properties.village_code))).toEqual(
      new Set([OWN]),
    );
    const exported = await officer.fetchJson('/api/v1/hazards/export?format=geojson');
    expect(new Set(exported.body.features.map((f: { properties: { village_code: string } }) => f.properties.village_code))).toEqual(
      new Set([OWN]),
    );
    const analysis = await officer.fetchJson('/api/v1/analysis/passages');
    expect(analysis.status).toBe(200);
    const findingVillages = new Set(
      analysis.body.features.map((f: { properties: { village_code: string | null } }) => f.properties.village_code),
    );
    findingVillages.delete(OWN);
    expect([...findingVillages].filter((code) => code !== null)).toEqual([]);

    // Search for the other village by name finds it for the office, not for the officer.
    const otherName = (await sessions.office.fetchJson('/api/v1/villages')).body.villages.find(
      (v: { code: string }) => v.code === OTHER,
    ).name;
    expect((await sessions.office.fetchJson(`/api/v1/search?q=${encodeURIComponent(otherName)}`)).body.hits.length).toBeGreaterThan(0);
    expect((await officer.fetchJson(`/api/v1/search?q=${encodeURIComponent(otherName)}`)).body.hits).toEqual([]);

    // A z15 tile over the other village's hazard: buildings for the office, an empty tile for the officer.
    const { lon, lat } = place.other;
    const z = 15;
    const x = Math.floor(((lon + 180) / 360) * 2 ** z);
    const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
    const tile = (session: AppDriver) => session.page.request.get(`${url}/api/v1/tiles/buildings/${z}/${x}/${y}.mvt`);
    expect((await (await tile(sessions.office)).body()).length).toBeGreaterThan(0);
    expect((await (await tile(officer)).body()).length).toBe(0);
    // One building of the other village, asked for by id.
    const otherBuildings = await sessions.office.fetchJson(
      `/api/v1/layers/buildings?village=${OTHER}&bbox=${lon - 0.003},${lat - 0.003},${lon + 0.003},${lat + 0.003}`,
    );
    const otherBuilding = otherBuildings.body.features[0].properties.id;
    expect((await sessions.office.fetchJson(`/api/v1/features/buildings/${otherBuilding}`)).status).toBe(200);
    expect((await officer.fetchJson(`/api/v1/features/buildings/${otherBuilding}`)).status).toBe(404);
  }, 120_000);
});
