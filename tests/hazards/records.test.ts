import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { addHazardPhoto } from '../../db/queries/hazard-photos';
import {
  createHazard,
  HazardPlaceError,
  hazardDetail,
  ImportRejectedError,
  importHazards,
  LinkedRecordNotFoundError,
  updateHazard,
  VillageOutOfScopeError,
} from '../../db/queries/hazard-records';
import { listHazards, StaleVersionError } from '../../db/queries/hazards';
import { plateRecord } from '../../db/queries/plates';
import { seedIfEmpty } from '../../db/seed';
import { parseHazardFilter } from '../../lib/hazards/filter';
import { hazardCreateSchema } from '../../lib/hazards/input';
import { VerificationRequiredError } from '../../lib/hazards/lifecycle';
import { transitionHazard } from '../../lib/hazards/transitions';
import { DatabasePhotoStore } from '../../lib/photos/photo-store';
import { processPhoto } from '../../lib/photos/process-photo';
import { chinaToday } from '../../lib/time';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

const actor = { name: 'inspector', role: 'inspector' };
const VILLAGE_A = '141121104201'; // square 112.09–112.10 E, 37.36–37.37 N
const VILLAGE_B = '141121104202'; // square 112.10–112.11 E, 37.36–37.37 N

const newHazard = (fields: Record<string, unknown>) =>
  hazardCreateSchema.parse({ category: 'electrical', severity: 'general', description: '私拉乱接电线', found_on: '2026-11-01', ...fields });

describe.each(testEngines)('recording hazards on $name (mini town)', (engine) => {
  let handle: DatabaseHandle;
  let b1: number;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
    b1 = (await handle.db.selectFrom('buildings').select('id').where('code', '=', 'B1').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => handle?.close());

  const create = (fields: Record<string, unknown>, villages: string[] | null = null) =>
    createHazard(handle.db, { input: newHazard(fields), actor, villages, requestId: 'test' });

  it('places a hazard linked to a building on that building, in its village, with a code after its id', async () => {
    const hazard = await create({ building_id: b1 });
    // B1 is the 0.0001° square at 112.0950 E, 37.3650 N in village A.
    expect(hazard.village_code).toBe(VILLAGE_A);
    expect(hazard.lon).toBeGreaterThan(112.095);
    expect(hazard.lon).toBeLessThan(112.0951);
    expect(hazard.lat).toBeGreaterThan(37.365);
    expect(hazard.lat).toBeLessThan(37.3651);
    expect(hazard.code).toBe(`H${String(hazard.id).padStart(5, '0')}`);
    expect(hazard).toMatchObject({ status: 'pending', deadline: '2026-12-01', version: 1 });
    const events = await sql<{ action: string }>`SELECT action FROM hazard_events WHERE hazard_id = ${hazard.id as number}`.execute(
      handle.db,
    );
    expect(events.rows.map((e) => e.action)).toEqual(['created']);
  });

  it('finds the village of a clicked point, and refuses points outside the town or the user’s villages', async () => {
    const inB = await create({ location: { lon: 112.105, lat: 37.362 }, notification: { method: 'phone', on: '2026-11-02' } });
    expect(inB.village_code).toBe(VILLAGE_B);
    const notified = await sql<{ notify_method: string }>`
      SELECT notify_method FROM hazard_events WHERE hazard_id = ${inB.id as number} AND action = 'notified'`.execute(handle.db);
    expect(notified.rows).toEqual([{ notify_method: 'phone' }]);
    await expect(create({ location: { lon: 112.2, lat: 37.5 } })).rejects.toBeInstanceOf(HazardPlaceError);
    await expect(create({ location: { lon: 112.105, lat: 37.362 } }, [VILLAGE_A])).rejects.toBeInstanceOf(VillageOutOfScopeError);
    await expect(create({ building_id: 999_999 })).rejects.toThrow(/building_id 999999: no such record/);
  });

  it('refuses a point outside the village the hazard names or links, within a 30 m edge', async () => {
    // Village A's east edge is 112.10 E: 0.0003° of longitude is about 26.5 m at 37.36 N, 0.0004° about 35.4 m.
    expect((await create({ village_code: VILLAGE_A, location: { lon: 112.1003, lat: 37.365 } })).village_code).toBe(VILLAGE_A);
    await expect(create({ village_code: VILLAGE_A, location: { lon: 112.1004, lat: 37.365 } })).rejects.toThrow(
      /lies outside the village 刘胡兰村/,
    );
    await expect(create({ village_code: VILLAGE_A, location: { lon: 116.397, lat: 39.909 } })).rejects.toBeInstanceOf(HazardPlaceError);
    await expect(create({ building_id: b1, location: { lon: 112.105, lat: 37.365 } })).rejects.toBeInstanceOf(HazardPlaceError);
    await expect(create({ building_id: b1, village_code: VILLAGE_B })).rejects.toThrow(/not the village of the linked record/);
  });

  it("answers another village's linked record exactly as a missing one, and never shows it", async () => {
    const b3 = (await handle.db.selectFrom('buildings').select('id').where('code', '=', 'B3').executeTakeFirstOrThrow()).id;
    const error = await create({ building_id: b3 }, [VILLAGE_A]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkedRecordNotFoundError);
    expect((error as Error).message).toBe(`building_id ${b3}: no such record`);
    const hazard = await create({ location: { lon: 112.095, lat: 37.362 } }, [VILLAGE_A]);
    const id = hazard.id as number;
    const patch = { version: 1, building_id: b3 };
    await expect(updateHazard(handle.db, { id, patch, actor, villages: [VILLAGE_A], requestId: 'test' })).rejects.toBeInstanceOf(
      LinkedRecordNotFoundError,
    );
    // A link across villages left by older data: the town sees it, village A's users do not.
    await sql`UPDATE hazards SET building_id = ${b3} WHERE id = ${id}`.execute(handle.db);
    expect((await hazardDetail(handle.db, id, null, chinaToday()))?.linked).toMatchObject({ code: 'B3', name: '小卖部' });
    expect((await hazardDetail(handle.db, id, [VILLAGE_A], chinaToday()))?.linked).toBeNull();
  });

  it('links both buildings of a spacing pair, shows both, and keeps the second one within the user’s villages', async () => {
    const id = async (code: string) =>
      (await handle.db.selectFrom('buildings').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const [b2, b3] = [await id('B2'), await id('B3')];
    const hazard = await create({ category: 'spacing', building_id: b1, paired_building_id: b2 });
    expect(hazard).toMatchObject({ building_id: b1, paired_building_id: b2, village_code: VILLAGE_A });
    const detail = await hazardDetail(handle.db, hazard.id as number, null, chinaToday());
    expect(detail?.linked).toMatchObject({ layer: 'buildings', id: b1, code: 'B1' });
    expect(detail?.paired).toMatchObject({ layer: 'buildings', id: b2, code: 'B2' });
    expect(detail?.hazard.properties).toMatchObject({ building_id: b1, paired_building_id: b2 });
    // Either building's plate lists the hazard.
    for (const code of ['B1', 'B2']) {
      expect((await plateRecord(handle.db, 'building', code, null))?.openHazards.map((h) => h.id)).toContain(hazard.id);
    }
    // A pair may straddle the village line: the hazard stays in the first building's village.
    expect(await create({ building_id: b1, paired_building_id: b3 })).toMatchObject({ village_code: VILLAGE_A, paired_building_id: b3 });
    await expect(create({ building_id: b1, paired_building_id: b3 }, [VILLAGE_A])).rejects.toThrow(
      `paired_building_id ${b3}: no such record`,
    );
    expect(() => newHazard({ location: { lon: 112.095, lat: 37.365 }, paired_building_id: b2 })).toThrow(
      /paired_building_id needs building_id/,
    );
    expect(() => newHazard({ building_id: b1, paired_building_id: b1 })).toThrow(/another building than building_id/);
    // Unlinking the first building alone would leave the pair half-linked: the database refuses it.
    const patch = { version: 1, building_id: null, location: { lon: 112.095, lat: 37.365 } };
    await expect(updateHazard(handle.db, { id: hazard.id as number, patch, actor, villages: null, requestId: 'test' })).rejects.toThrow(
      /hazards_paired_building_needs_building/,
    );
    const unpaired = await updateHazard(handle.db, {
      id: hazard.id as number,
      patch: { ...patch, paired_building_id: null },
      actor,
      villages: null,
      requestId: 'test',
    });
    expect(unpaired).toMatchObject({ building_id: null, paired_building_id: null });
  });

  it('moves a hazard within the rules: a new village alone must hold the point', async () => {
    const hazard = await create({ location: { lon: 112.0999, lat: 37.365 } });
    const id = hazard.id as number;
    const patch = (fields: Record<string, unknown>, version: number) =>
      updateHazard(handle.db, { id, patch: { version, ...fields }, actor, villages: null, requestId: 'test' });
    // 112.0999 E is about 8.8 m inside village A, so within 30 m of village B too.
    expect(await patch({ village_code: VILLAGE_B }, 1)).toMatchObject({ village_code: VILLAGE_B, lon: 112.0999 });
    expect(await patch({ location: { lon: 112.093, lat: 37.363 } }, 2)).toMatchObject({ village_code: VILLAGE_A });
    await expect(patch({ village_code: VILLAGE_B }, 3)).rejects.toBeInstanceOf(HazardPlaceError);
    expect(await patch({ building_id: b1 }, 3)).toMatchObject({ village_code: VILLAGE_A, building_id: b1 });
    expect(await patch({ building_id: null }, 4)).toMatchObject({ building_id: null, village_code: VILLAGE_A });
  });

  it('edits under the version check, recording before and after in the audit log', async () => {
    const hazard = await create({ location: { lon: 112.095, lat: 37.365 } });
    const id = hazard.id as number;
    const edited = await updateHazard(handle.db, {
      id,
      patch: { version: 1, description: '已查明：电线老化', severity: 'major' },
      actor,
      villages: null,
      requestId: 'test',
    });
    expect(edited).toMatchObject({ version: 2, description: '已查明：电线老化', severity: 'major' });
    await expect(
      updateHazard(handle.db, { id, patch: { version: 1, description: '旧页面的修改' }, actor, villages: null, requestId: 'test' }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    await expect(
      updateHazard(handle.db, { id, patch: { version: 2, description: 'x' }, actor, villages: [VILLAGE_B], requestId: 'test' }),
    ).rejects.toThrow(/no hazard/);
    const audit = await sql<{ before: { severity: string }; after: { severity: string } }>`
      SELECT before, after FROM audit_log WHERE table_name = 'hazards' AND record_id = ${String(id)} AND action = 'update'`.execute(
      handle.db,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ severity: 'general' }),
        after: expect.objectContaining({ severity: 'major' }),
      }),
    ]);
  });

  it('closes out on an after-photo without a note, but not on nothing', async () => {
    const hazard = await create({ location: { lon: 112.0955, lat: 37.3655 } });
    const id = hazard.id as number;
    const step = (to: 'in_progress' | 'awaiting_review' | 'closed', version: number, note = '') =>
      transitionHazard(handle.db, { id, to, note, version, actor, requestId: 'test' });
    await step('in_progress', 1);
    await step('awaiting_review', 2);
    await expect(step('closed', 3)).rejects.toBeInstanceOf(VerificationRequiredError);
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    await addHazardPhoto(
      handle.db,
      { hazardId: id, kind: 'after', photo: await processPhoto(image), actor, requestId: 'test' },
      new DatabasePhotoStore(),
    );
    expect(await step('closed', 3)).toEqual({ version: 4, status: 'closed' });
  });

  it('lists hazards within a radius of a clicked point, measured on the ellipsoid', async () => {
    // H1 (112.0951, 37.3651) and H2 (112.0960, 37.3650): about 79.7 m apart east–west at this latitude.
    const near = (radius: number) =>
      parseHazardFilter(new URLSearchParams({ near: '112.0951,37.3651', radius_m: String(radius) }), new Set([VILLAGE_A, VILLAGE_B]));
    const codes = async (radius: number) =>
      JSON.parse((await listHazards(handle.db, near(radius), { limit: 100, offset: 0 }, chinaToday())).collection)
        .features.map((f: { properties: { code: string } }) => f.properties.code)
        .filter((c: string) => c === 'H1' || c === 'H2')
        .sort();
    expect(await codes(5)).toEqual(['H1']);
    expect(await codes(75)).toEqual(['H1']);
    expect(await codes(85)).toEqual(['H1', 'H2']);
  });

  it('imports a list all or nothing: one unknown building code leaves the table as it was', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM hazards`.execute(handle.db);
    const rows = [
      { ...newHazard({ location: { lon: 112.093, lat: 37.361 } }), row: 2, code: 'IMP-1' },
      { ...newHazard({ location: { lon: 112.107, lat: 37.368 } }), row: 3, code: 'IMP-2', building_code: 'NO-SUCH' },
    ];
    const context = { actor, villages: null, requestId: 'test', fileName: 'list.xlsx' };
    const error = await importHazards(handle.db, rows, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems).toEqual([{ row: 3, message: 'unknown building code NO-SUCH' }]);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM hazards`.execute(handle.db)).rows[0]!.n).toBe(before.rows[0]!.n);

    // A row at village B's coordinates cannot name a building of village A.
    const elsewhere = await importHazards(handle.db, [rows[0]!, { ...rows[1]!, building_code: 'B2' }], context).catch((e: unknown) => e);
    expect((elsewhere as ImportRejectedError).problems).toEqual([
      { row: 3, message: expect.stringMatching(/lies outside the village 刘胡兰村/) },
    ]);

    const good = [rows[0]!, { ...rows[1]!, location: undefined, building_code: 'B2' }];
    expect(await importHazards(handle.db, good, context)).toEqual({ created: 2 });
    const imported = await sql<{ code: string; village_code: string }>`
      SELECT code, village_code FROM hazards WHERE code LIKE 'IMP-%' ORDER BY code`.execute(handle.db);
    // IMP-2 is placed on B2, in village A.
    expect(imported.rows).toEqual([
      { code: 'IMP-1', village_code: VILLAGE_A },
      { code: 'IMP-2', village_code: VILLAGE_A },
    ]);
    await expect(importHazards(handle.db, [rows[0]!], context)).rejects.toBeInstanceOf(ImportRejectedError);
  });
});
