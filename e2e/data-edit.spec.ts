import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { FeatureEditorPage } from './data-driver';
import { VIEWPORTS } from './driver';
import { type RunningServer, startServer } from './server';

// A server of its own: the edits change the town the other specs count on.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({});
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

/** The rural spacing table (GB 50039, DOMAIN.md), in metres, by the two fire-resistance grades. */
const RURAL_SPACING: Record<string, number> = { '1-2/1-2': 4, '1-2/3': 5, '1-2/4': 6, '3/3': 6, '3/4': 7, '4/4': 8 };
const required = (a: string, b: string) => RURAL_SPACING[[a, b].sort().join('/')] ?? NaN;

interface SpacingFinding {
  properties: { building_ids: number[]; measured: number; threshold_m: number };
}

describe('数据维护: editing base features on the map', () => {
  const app = appSession(() => server.url, VIEWPORTS.desktop, 'office');
  const editor = () => new FeatureEditorPage(app());

  const spacingPairs = async () => {
    const answer = await app().fetchJson('/api/v1/analysis/spacing');
    return (answer.body.features as SpacingFinding[]).map((f) => f.properties);
  };

  it("an office user raises a house's fire grade on the map, and its spacing finding goes", async () => {
    // A pair of homes of grades 3 or 4 whose gap is at least 6 m: raised to 一二级, one of them needs at most 6 m.
    let chosen: { a: number; b: number; gradeA: string } | null = null;
    for (const pair of await spacingPairs()) {
      if (pair.measured < 6 || pair.building_ids.length !== 2) continue;
      const [a, b] = pair.building_ids as [number, number];
      const [first, second] = [await editor().stored('buildings', a), await editor().stored('buildings', b)];
      const homes = first.properties.use === 'residential' && second.properties.use === 'residential';
      const gradeA = String(first.properties.fire_grade);
      if (homes && gradeA !== '1-2' && second.properties.fire_grade !== '1-2' && required(gradeA, '1-2') <= pair.measured) {
        chosen = { a, b, gradeA };
        break;
      }
    }
    expect(chosen).not.toBeNull();
    const { a, b } = chosen!;

    expect(await editor().open()).toBe(200);
    await editor().openFromMap('buildings', b);
    expect(await editor().version()).toContain('1');
    await app().screenshot('data-edit-building');
    await editor().setField('fire_grade', '1-2');
    await editor().save();
    expect(await editor().notice()).toContain('已保存');
    expect((await editor().stored('buildings', b)).properties.fire_grade).toBe('1-2');
    const still = (await spacingPairs()).filter((p) => p.building_ids.includes(a) && p.building_ids.includes(b));
    expect(still).toEqual([]);
    await app().screenshot('data-edit-saved');
  });

  it('a stale edit gets the conflict message with both states, and the newer change stays', async () => {
    const listed = await app().fetchJson('/api/v1/layers/water-sources');
    const id = listed.body.features[0].properties.id as number;
    await editor().open();
    await editor().openFromMap('water-sources', id);
    // Meanwhile someone else renames it.
    const before = await editor().stored('water-sources', id);
    const other = await app().sendJson('PATCH', `/api/v1/features/water-sources/${id}`, {
      version: before.version,
      properties: { name: '村委会门口消火栓（已更名）' },
    });
    expect(other.status).toBe(200);
    await editor().setField('name', '我的名称');
    await editor().save();
    expect(await editor().conflictShown()).toBe(true);
    expect(await editor().notice()).toContain('已被修改');
    expect(await editor().conflictText()).toContain('村委会门口消火栓（已更名）');
    await app().screenshot('data-edit-conflict');
    expect((await editor().stored('water-sources', id)).properties.name).toBe('村委会门口消火栓（已更名）');
  });
});

describe('数据维护 on a phone: an inspector records a field check', () => {
  const app = appSession(() => server.url, VIEWPORTS.phone, 'inspector');

  it('opens a house in their village with only the field-check attributes editable', async () => {
    const editor = new FeatureEditorPage(app());
    const listed = await app().fetchJson('/api/v1/layers/water-sources');
    const id = listed.body.features[0].properties.id as number;
    expect(await editor.open()).toBe(200);
    await editor.openFromMap('water-sources', id);
    expect(await app().page.getByTestId('field-status').isEnabled()).toBe(true);
    expect(await app().page.getByTestId('field-name').isEnabled()).toBe(false);
    expect(await app().hasScrollbars()).toBe(false);
    await app().screenshot('data-edit-phone-inspector');
  });
});
