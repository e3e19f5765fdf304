import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createHazard } from '../../db/queries/hazard-records';
import { listHazards } from '../../db/queries/hazards';
import { layerFeatureCollection } from '../../db/queries/layers';
import { seedIfEmpty } from '../../db/seed';
import { parseHazardFilter } from '../../lib/hazards/filter';
import { hazardCreateSchema } from '../../lib/hazards/input';
import { transitionHazard } from '../../lib/hazards/transitions';
import { layerContext } from '../../lib/layers/layer-context';
import { chinaToday } from '../../lib/time';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

// 2026-03-31 18:40 UTC is 2026-04-01 02:40 in Beijing: the UTC date and the China date differ.
const NIGHT_IN_BEIJING = new Date('2026-03-31T18:40:00Z');
const actor = { name: '检查员王五', role: 'inspector' };
const VILLAGES = new Set(['141121104201', '141121104202']);

describe.each(testEngines)('the China clock on $name (mini town)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
  });
  afterAll(() => handle?.close());
  afterEach(() => vi.useRealTimers());

  const newHazard = (description: string, deadline: string) =>
    createHazard(handle.db, {
      input: hazardCreateSchema.parse({
        category: 'electrical',
        severity: 'general',
        description,
        found_on: '2026-03-01',
        deadline,
        location: { lon: 112.0955, lat: 37.3655 },
      }),
      actor,
      villages: null,
      requestId: 'clock-test',
    });

  it('closes a hazard at 02:40 Beijing time with 销号日期 of that Beijing day', async () => {
    const hazard = await newHazard('夜里销号', '2026-04-30');
    vi.useFakeTimers({ now: NIGHT_IN_BEIJING, toFake: ['Date'] });
    const id = hazard.id as number;
    const step = (to: 'in_progress' | 'awaiting_review' | 'closed', version: number) =>
      transitionHazard(handle.db, { id, to, note: '复查合格', version, actor, requestId: 'clock-test' });
    await step('in_progress', 1);
    await step('awaiting_review', 2);
    await step('closed', 3);
    const row = await handle.db.selectFrom('hazards').select(['status', 'closed_on']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', closed_on: '2026-04-01' });
  });

  it('flags overdue by the Beijing day in the hazard list and on the map alike', async () => {
    const late = await newHazard('昨天到期', '2026-03-31');
    vi.useFakeTimers({ now: NIGHT_IN_BEIJING, toFake: ['Date'] });
    // What the routes do: the list is asked with chinaToday(), the map layer with its context.
    const list = await listHazards(handle.db, parseHazardFilter(new URLSearchParams(), VILLAGES), { limit: 50, offset: 0 }, chinaToday());
    const map = await layerFeatureCollection(handle.db, 'hazards', {}, await layerContext(handle.db));
    for (const collection of [list.collection, map]) {
      const overdue = Object.fromEntries(
        (JSON.parse(collection).features as GeoJSON.Feature[]).map((f) => [f.properties?.code, f.properties?.overdue]),
      );
      // Due yesterday (31 March) is overdue; H2, due 1 April, is due today and not yet overdue.
      expect(overdue[late.code as string]).toBe(true);
      expect(overdue.H2).toBe(false);
    }
  });
});
