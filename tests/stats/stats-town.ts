import { writeMiniTown } from '../fixtures/mini-town';

/**
 * The mini town (tests/fixtures/mini-town.ts) with more dated records, so every figure of the screen and the
 * reports has something to count. V1 = 141121104201 (刘胡兰村), V2 = 141121104202. "Today" is 2026-11-30.
 *
 * Hazards (mini town: H1 V1 spacing general found 2026-01-10 deadline 04-10 closed 03-20;
 *          H2 V1 passage major pending found 2026-03-01 deadline 04-01):
 *   H3 V2 electrical general  found 2025-11-05  deadline 2025-11-20  closed 2026-02-10
 *   H4 V2 exits      major    found 2026-02-15  deadline 2026-12-31  in_progress
 *   H5 V1 fire_use   general  found 2026-11-03  deadline 2026-11-20  closed 2026-11-18
 *   H6 V2 other      general  found 2026-10-31  deadline 2026-11-30  pending (found on a month's last day, due today)
 * Obstacles (mini town: O1 on P2 (V1) open, found 2026-03-01):
 *   O2 on P1 found 2024-05-01 cleared 2024-10-01; O3 on P1 found 2024-11-01 cleared 2025-03-01;
 *   O4 on P2 found 2025-06-01 cleared 2026-11-10
 * Units (mini town: U1 nine_small V2): U2 key_unit V1, U3 crowded V1
 * Trainings (mini town: U1 V2 2025-06-01; village-level V1 2026-06-01):
 *   U2 V1 2024-03-01; U3 V1 2026-01-15; village-level V1 2026-11-20
 * Drills (mini town: U1 2026-05-01, 5 people): U2 2025-04-01 (10), 2026-02-01 (30), 2026-05-01 (20), 2026-09-01 (20);
 *   U3 2026-03-01 (8), 2026-11-05 (12)
 * Incidents (mini town: F1 V2 2025-02-03, no deaths, loss 2000):
 *   F2 V1 2026-02-10 deaths 1 injuries 2 loss 5000; F3 V1 2025-11-20 loss 800; F4 V2 2026-11-29 loss 100
 */
export const V1 = '141121104201';
export const V2 = '141121104202';
export const TODAY = '2026-11-30';

const point = (coordinates: [number, number], properties: object) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties,
});
const event = (at: string, action: string, from: string | null, to: string | null) => ({
  at,
  actor: '检查员王五',
  action,
  from_status: from,
  to_status: to,
  note: '',
  notify_method: null,
});
const hazard = (code: string, village: string, at: [number, number], p: Record<string, unknown>) =>
  point(at, {
    code,
    village_code: village,
    building_code: null,
    unit_code: null,
    passage_code: null,
    place_type: null,
    criterion: p.severity === 'major' ? '直接判定' : null,
    description: '测试隐患',
    responsible_person: '张三',
    closed_on: null,
    ...p,
  });

export function writeStatsTown(): string {
  return writeMiniTown((files) => {
    files['hazards.geojson'].features.push(
      hazard('H3', V2, [112.1051, 37.3651], {
        category: 'electrical',
        severity: 'general',
        found_on: '2025-11-05',
        deadline: '2025-11-20',
        status: 'closed',
        closed_on: '2026-02-10',
        events: [
          event('2025-11-05T02:00:00Z', 'created', null, 'pending'),
          event('2026-02-10T02:00:00Z', 'transition', 'awaiting_review', 'closed'),
        ],
      }),
      hazard('H4', V2, [112.1052, 37.3652], {
        category: 'exits',
        severity: 'major',
        found_on: '2026-02-15',
        deadline: '2026-12-31',
        status: 'in_progress',
        events: [
          event('2026-02-15T02:00:00Z', 'created', null, 'pending'),
          event('2026-03-01T02:00:00Z', 'transition', 'pending', 'in_progress'),
        ],
      }),
      hazard('H5', V1, [112.0953, 37.3653], {
        category: 'fire_use',
        severity: 'general',
        found_on: '2026-11-03',
        deadline: '2026-11-20',
        status: 'closed',
        closed_on: '2026-11-18',
        events: [
          event('2026-11-03T02:00:00Z', 'created', null, 'pending'),
          event('2026-11-18T02:00:00Z', 'transition', 'awaiting_review', 'closed'),
        ],
      }),
      hazard('H6', V2, [112.1053, 37.3653], {
        category: 'other',
        severity: 'general',
        found_on: '2026-10-31',
        deadline: '2026-11-30',
        status: 'pending',
        events: [event('2026-10-31T02:00:00Z', 'created', null, 'pending')],
      }),
    );
    const obstacle = (code: string, passage: string, at: [number, number], found: string, cleared: string) =>
      point(at, {
        code,
        passage_code: passage,
        obstacle_type: 'piled_goods',
        status: 'cleared',
        found_on: found,
        cleared_on: cleared,
        note: '',
      });
    files['obstacles.geojson'].features.push(
      obstacle('O2', 'P1', [112.0945, 37.364], '2024-05-01', '2024-10-01'),
      obstacle('O3', 'P1', [112.0955, 37.364], '2024-11-01', '2025-03-01'),
      obstacle('O4', 'P2', [112.096, 37.3645], '2025-06-01', '2026-11-10'),
    );
    const unit = (code: string, kind: string, at: [number, number]) =>
      point(at, {
        code,
        name: `单位${code}`,
        kind,
        building_code: null,
        village_code: V1,
        trained_persons: 1,
        drills_per_year: 1,
        responsible_person: '王六',
      });
    files['units.geojson'].features.push(unit('U2', 'key_unit', [112.0957, 37.3657]), unit('U3', 'crowded', [112.0958, 37.3658]));
    files['trainings.json'].push(
      { unit_code: 'U2', village_code: V1, person_name: '甲', trained_on: '2024-03-01' },
      { unit_code: 'U3', village_code: V1, person_name: '乙', trained_on: '2026-01-15' },
      { unit_code: null, village_code: V1, person_name: '丙', trained_on: '2026-11-20' },
    );
    const drill = (unit_code: string, held_on: string, participants: number) => ({
      unit_code,
      held_on,
      participants,
      note: '疏散逃生演练',
    });
    files['drills.json'].push(
      drill('U2', '2025-04-01', 10),
      drill('U2', '2026-02-01', 30),
      drill('U2', '2026-05-01', 20),
      drill('U2', '2026-09-01', 20),
      drill('U3', '2026-03-01', 8),
      drill('U3', '2026-11-05', 12),
    );
    const fire = (
      code: string,
      village: string,
      at: [number, number],
      occurred_on: string,
      deaths: number,
      injuries: number,
      loss_yuan: number,
    ) => point(at, { code, occurred_on, village_code: village, cause: 'electrical', loss_yuan, deaths, injuries, description: '测试火灾' });
    files['incidents.geojson'].features.push(
      fire('F2', V1, [112.0959, 37.3659], '2026-02-10', 1, 2, 5000),
      fire('F3', V1, [112.0961, 37.3661], '2025-11-20', 0, 0, 800),
      fire('F4', V2, [112.1059, 37.3659], '2026-11-29', 0, 0, 100),
    );
  });
}
