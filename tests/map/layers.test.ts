import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { layerCounts, layerFeatureCollection } from '../../db/queries/layers';
import { seedIfEmpty } from '../../db/seed';
import { layerContext } from '../../lib/layers/layer-context';
import { LAYER_NAMES } from '../../lib/map/layer-names';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

const LIUHULAN = '141121104201';
const SECOND = '141121104202';

describe.each(testEngines)('map layers on $name (mini town)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
  });
  afterAll(() => handle?.close());

  const features = async (layer: Parameters<typeof layerFeatureCollection>[1], filter = {}) =>
    JSON.parse(await layerFeatureCollection(handle.db, layer, filter, await layerContext(handle.db))).features as GeoJSON.Feature[];

  it('serves every layer as an RFC 7946 FeatureCollection with 7-decimal coordinates', async () => {
    for (const layer of LAYER_NAMES) {
      const collection = JSON.parse(await layerFeatureCollection(handle.db, layer, {}, await layerContext(handle.db)));
      expect(collection.type).toBe('FeatureCollection');
    }
    const [b1] = (await features('buildings')).filter((f) => f.properties!.code === 'B1');
    expect(b1!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [112.095, 37.365],
          [112.0951, 37.365],
          [112.0951, 37.3651],
          [112.095, 37.3651],
          [112.095, 37.365],
        ],
      ],
    });
    expect(b1!.properties).toMatchObject({ fire_grade: '3', use: 'residential', responsible_person: '张三' });
  });

  it('filters by bbox: only B1 and B2 lie in a box around them', async () => {
    const inBox = await features('buildings', { bbox: [112.0949, 37.3649, 112.0954, 37.3652] });
    expect(inBox.map((f) => f.properties!.code).sort()).toEqual(['B1', 'B2']);
    expect(await features('buildings', { bbox: [100, 30, 100.1, 30.1] })).toEqual([]);
  });

  it('filters by village, including features without a village that lie inside it', async () => {
    expect((await features('buildings', { villages: [SECOND] })).map((f) => f.properties!.code)).toEqual(['B3']);
    expect((await features('buildings', { villages: [LIUHULAN] })).map((f) => f.properties!.code).sort()).toEqual(['B1', 'B2']);
    expect((await features('incidents', { villages: [LIUHULAN] })).length).toBe(0);
  });

  it('derives the legend classes: a passage with an open obstacle is blocked, open hazards only, overdue flagged', async () => {
    const passages = Object.fromEntries((await features('passages')).map((f) => [f.properties!.code, f.properties]));
    expect(passages.P1).toMatchObject({ width_class: 'ok', open_obstacles: 0 });
    expect(passages.P2).toMatchObject({ width_class: 'blocked', open_obstacles: 1 });
    const hazards = await features('hazards');
    expect(hazards.map((f) => [f.properties!.code, f.properties!.overdue])).toEqual([['H2', true]]); // H1 is closed
    const [pond] = await features('water-sources');
    expect(pond!.properties).toMatchObject({ seasonal: true, usable_months: [3, 4, 5, 6, 7, 8, 9, 10, 11] });
    const [incident] = await features('incidents');
    expect(incident!.properties).toMatchObject({ year: 2025, occurred_on: '2025-02-03' });
  });

  it('counts features per layer for the view', async () => {
    const all = await layerCounts(handle.db, LAYER_NAMES, {}, await layerContext(handle.db));
    expect(all).toEqual({
      villages: 2,
      buildings: 3,
      passages: 2,
      obstacles: 1,
      'water-sources': 1,
      stations: 1,
      units: 1,
      hazards: 1,
      incidents: 1,
      'straw-stacks': 1,
    });
    const second = await layerCounts(handle.db, ['buildings', 'units', 'hazards'], { villages: [SECOND] }, await layerContext(handle.db));
    expect(second).toEqual({ buildings: 1, units: 1, hazards: 0 });
  });

  it('measures a passage as narrow against the rules table, so a changed rule changes the map', async () => {
    const widthClass = async () =>
      Object.fromEntries((await features('passages')).map((f) => [f.properties!.code, f.properties!.width_class]));
    // P1 is 5 m wide (no height limit): clear of the 4.0 m rule, narrow under a 6 m one.
    expect((await widthClass()).P1).toBe('ok');
    const setWidth = (metres: number) =>
      sql`UPDATE rules SET threshold = ${metres} WHERE rule_id = 'GB55037.passage.width'`.execute(handle.db);
    await setWidth(6);
    try {
      expect(await widthClass()).toEqual({ P1: 'narrow', P2: 'blocked' });
    } finally {
      await setWidth(4);
    }
  });
});
