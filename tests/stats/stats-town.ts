import { geodataFiles, writeGeodataFolder } from '../town/geodata-folder';
import { MINI_V1, MINI_V2, miniTown } from '../town/mini-town';
import { hazardEvent, type TownVillage } from '../town/town';

/**
 * The mini town (tests/town/mini-town.ts) with more dated records, so every figure of the screen and the
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
export const V1 = MINI_V1;
export const V2 = MINI_V2;
export const TODAY = '2026-11-30';

export function writeStatsTown(): string {
  const town = miniTown();
  const v1 = town.in(V1);
  const v2 = town.in(V2);
  const hazard = (village: TownVillage, code: string, at: [number, number], given: Parameters<TownVillage['hazard']>[2]) =>
    village.hazard(code, at, {
      criterion: given.severity === 'major' ? '直接判定' : null,
      description: '测试隐患',
      responsible_person: '张三',
      ...given,
    });
  hazard(v2, 'H3', [112.1051, 37.3651], {
    category: 'electrical',
    severity: 'general',
    found_on: '2025-11-05',
    deadline: '2025-11-20',
    status: 'closed',
    closed_on: '2026-02-10',
    events: [
      hazardEvent('2025-11-05T02:00:00Z', 'created', null, 'pending'),
      hazardEvent('2026-02-10T02:00:00Z', 'transition', 'awaiting_review', 'closed'),
    ],
  });
  hazard(v2, 'H4', [112.1052, 37.3652], {
    category: 'exits',
    severity: 'major',
    found_on: '2026-02-15',
    deadline: '2026-12-31',
    status: 'in_progress',
    events: [
      hazardEvent('2026-02-15T02:00:00Z', 'created', null, 'pending'),
      hazardEvent('2026-03-01T02:00:00Z', 'transition', 'pending', 'in_progress'),
    ],
  });
  hazard(v1, 'H5', [112.0953, 37.3653], {
    category: 'fire_use',
    severity: 'general',
    found_on: '2026-11-03',
    deadline: '2026-11-20',
    status: 'closed',
    closed_on: '2026-11-18',
    events: [
      hazardEvent('2026-11-03T02:00:00Z', 'created', null, 'pending'),
      hazardEvent('2026-11-18T02:00:00Z', 'transition', 'awaiting_review', 'closed'),
    ],
  });
  hazard(v2, 'H6', [112.1053, 37.3653], {
    category: 'other',
    severity: 'general',
    found_on: '2026-10-31',
    deadline: '2026-11-30',
    status: 'pending',
    events: [hazardEvent('2026-10-31T02:00:00Z', 'created', null, 'pending')],
  });
  const cleared = (found_on: string, cleared_on: string) => ({ status: 'cleared', found_on, cleared_on }) as const;
  v1.obstacle('O2', 'P1', [112.0945, 37.364], cleared('2024-05-01', '2024-10-01'))
    .obstacle('O3', 'P1', [112.0955, 37.364], cleared('2024-11-01', '2025-03-01'))
    .obstacle('O4', 'P2', [112.096, 37.3645], cleared('2025-06-01', '2026-11-10'));
  const unit = { trained_persons: 1, drills_per_year: 1, responsible_person: '王六' };
  v1.unit('U2', [112.0957, 37.3657], { ...unit, name: '单位U2', kind: 'key_unit' })
    .unit('U3', [112.0958, 37.3658], { ...unit, name: '单位U3', kind: 'crowded' })
    .training({ unit_code: 'U2', person_name: '甲', trained_on: '2024-03-01' })
    .training({ unit_code: 'U3', person_name: '乙', trained_on: '2026-01-15' })
    .training({ person_name: '丙', trained_on: '2026-11-20' });
  const drill = (unit_code: string, held_on: string, participants: number) =>
    town.drill({ unit_code, held_on, participants, note: '疏散逃生演练' });
  drill('U2', '2025-04-01', 10);
  drill('U2', '2026-02-01', 30);
  drill('U2', '2026-05-01', 20);
  drill('U2', '2026-09-01', 20);
  drill('U3', '2026-03-01', 8);
  drill('U3', '2026-11-05', 12);
  const fire = { cause: 'electrical', description: '测试火灾' } as const;
  v1.incident('F2', [112.0959, 37.3659], { ...fire, occurred_on: '2026-02-10', deaths: 1, injuries: 2, loss_yuan: 5000 }).incident(
    'F3',
    [112.0961, 37.3661],
    { ...fire, occurred_on: '2025-11-20', loss_yuan: 800 },
  );
  v2.incident('F4', [112.1059, 37.3659], { ...fire, occurred_on: '2026-11-29', loss_yuan: 100 });
  return writeGeodataFolder(geodataFiles(town));
}
