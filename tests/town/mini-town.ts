import { square } from './coordinates';
import { type GeodataFiles, geodataFiles, writeGeodataFolder } from './geodata-folder';
import { hazardEvent, TestTown } from './town';

/**
 * A hand-built town small enough to check by eye: 2 villages, 3 buildings, 2 passages, one of each
 * other record, in lon/lat. Counts below are what a seed must load. `writeMiniTown` writes it as geodata
 * files, optionally changed by `edit` (to plant bad data).
 */
export const MINI_V1 = '141121104201';
export const MINI_V2 = '141121104202';

const house = {
  occupants: 4,
  vulnerable_residents: 1,
  has_extinguisher: true,
  responsible_person: '张三',
  built_year: 1985,
} as const;

export function miniTown(): TestTown {
  const town = new TestTown();
  const v1 = town.village(MINI_V1, {
    name: '刘胡兰村',
    population: 1200,
    households: 380,
    is_seat: true,
    area: square(112.09, 37.36, 0.01),
  });
  const v2 = town.village(MINI_V2, {
    name: '<img src=x onerror=alert(1)>',
    population: 800,
    households: 250,
    area: square(112.1, 37.36, 0.01),
  });
  v1.building('B1', square(112.095, 37.365, 0.0001), house).building('B2', square(112.0952, 37.365, 0.0001), { ...house, fire_grade: '4' });
  v2.building('B3', square(112.105, 37.365, 0.0001), {
    ...house,
    use: 'business',
    name: '小卖部',
    shop_front_home_back: true,
    nine_small_category: 'shop',
    fire_grade: '1-2',
    structure: 'brick_concrete',
  });
  v1.passage('P1', [112.094, 37.364], [112.096, 37.364], { name: '中心街', clear_width_m: 5, slope_pct: 1 })
    .passage('P2', [112.096, 37.364], [112.096, 37.366], { class: 'lane', clear_width_m: 3, clear_height_m: 3.6, surface: 'earth' })
    .obstacle('O1', 'P2', [112.096, 37.365], { obstacle_type: 'straw_pile', note: '柴草堆占道' })
    .waterSource('W1', [112.095, 37.363], {
      name: '村西水塘',
      kind: 'pond',
      capacity_m3: 300,
      usable_months: [3, 4, 5, 6, 7, 8, 9, 10, 11],
    })
    .station('S1', [112.097, 37.364], {
      name: '刘胡兰村微型消防站',
      kind: 'micro_station',
      staff: 6,
      vehicles: 1,
      vehicle_type: '消防摩托车',
      speed_kmh: 20,
    });
  v2.unit('U1', [112.10505, 37.36505], {
    name: '小卖部',
    kind: 'nine_small',
    building_code: 'B3',
    trained_persons: 1,
    drills_per_year: 1,
    responsible_person: '李四',
  });
  v1.strawStack('SS1', square(112.0955, 37.3655, 0.00005), { size: 'large', volume_m3: 40 })
    .hazard('H1', [112.0951, 37.3651], {
      building_code: 'B1',
      category: 'spacing',
      place_type: 'self_built',
      severity: 'general',
      description: '间距不足',
      found_on: '2026-01-10',
      deadline: '2026-04-10',
      status: 'closed',
      responsible_person: '张三',
      closed_on: '2026-03-20',
      events: [
        hazardEvent('2026-01-10T02:00:00Z', 'created', null, 'pending'),
        hazardEvent('2026-01-11T02:00:00Z', 'notified', null, null, { notify_method: 'in_person' }),
        hazardEvent('2026-03-20T02:00:00Z', 'transition', 'awaiting_review', 'closed', { note: '复查合格' }),
      ],
    })
    .hazard('H2', [112.096, 37.365], {
      passage_code: 'P2',
      category: 'passage',
      severity: 'major',
      description: '通道堵塞',
      found_on: '2026-03-01',
      deadline: '2026-04-01',
      status: 'pending',
      responsible_person: '张三',
      events: [hazardEvent('2026-03-01T02:00:00Z', 'created', null, 'pending')],
    });
  v2.incident('F1', [112.1055, 37.3655], { occurred_on: '2025-02-03', cause: 'straw', loss_yuan: 2000, description: '秸秆起火' });
  town.drill({ unit_code: 'U1', held_on: '2026-05-01', participants: 5 });
  v2.training({ unit_code: 'U1', person_name: '李四', trained_on: '2025-06-01' });
  v1.training({ person_name: '赵六', trained_on: '2026-06-01' });
  return town;
}

/** What seeding the mini town must produce, counted by hand from the description above. */
export const MINI_TOWN_COUNTS = {
  villages: 2,
  buildings: 3,
  passages: 2,
  obstacles: 1,
  water_sources: 1,
  stations: 1,
  social_units: 1,
  straw_stacks: 1,
  hazards: 2,
  hazard_events: 4,
  fire_incidents: 1,
  drills: 1,
  trainings: 2,
};

export function writeMiniTown(edit?: (files: GeodataFiles) => void): string {
  const files = geodataFiles(miniTown());
  edit?.(files);
  return writeGeodataFolder(files);
}
