// Drill and training records (drills.json, trainings.json) for 2024-2026.
// Targets of the plan: key units train a 消防安全明白人 in 2024, crowded places by the end of 2025, all
// other units by the end of 2026; key units hold >= 3 evacuation drills a year (some fall short here).

import type { BuildingStore } from './building-store';
import { TODAY } from './config';
import { dayNumber, formatDay } from './dates';
import { at } from './list';
import { personName } from './names';
import type { Rng } from './prng';
import type { Unit } from './units';
import type { Village } from './villages';

export interface Drill {
  unit_code: string;
  held_on: string;
  participants: number;
  note: string;
}

export interface Training {
  unit_code: string | null;
  village_code: string;
  person_name: string;
  trained_on: string;
}

const DRILL_NOTES = [
  '疏散逃生演练',
  '灭火器实操演练',
  '初起火灾扑救演练',
  '消防安全应急预案演练',
  '夜间疏散演练',
  '联合镇专职消防队开展综合演练',
];

function dayIn(r: Rng, from: string, to: string): number {
  return r.int(dayNumber(from), Math.min(dayNumber(to), dayNumber(TODAY)));
}

export function buildDrills(units: readonly Unit[], store: BuildingStore, rng: Rng): Drill[] {
  const drills: Drill[] = [];
  const today = dayNumber(TODAY);
  for (const unit of units) {
    if (unit.drills === 0) continue;
    const r = rng.fork(`drills:${unit.code}`);
    const occupants = unit.building >= 0 ? at(store.buildings, unit.building).occupants : 60;
    for (const year of [2024, 2025, 2026]) {
      const count = year === 2025 ? unit.drills : Math.max(0, unit.drills + r.int(-1, year === 2026 ? 0 : 1));
      const first = dayNumber(`${year}-01-01`);
      const span = dayNumber(`${year}-12-31`) - first + 1;
      for (let k = 0; k < count; k++) {
        const day = first + Math.floor((span * (k + r.float(0.15, 0.85))) / count);
        if (day > today) continue;
        const participants = Math.max(2, Math.min(Math.round(occupants * r.float(0.6, 1.0)) + r.int(0, 4), 900));
        drills.push({ unit_code: unit.code, held_on: formatDay(day), participants, note: r.pick(DRILL_NOTES) });
      }
    }
  }
  drills.sort((a, b) =>
    a.held_on < b.held_on ? -1 : a.held_on > b.held_on ? 1 : a.unit_code < b.unit_code ? -1 : a.unit_code > b.unit_code ? 1 : 0,
  );
  return drills;
}

export function buildTrainings(villages: readonly Village[], units: readonly Unit[], rng: Rng): Training[] {
  const trainings: Training[] = [];
  for (const unit of units) {
    const r = rng.fork(`training:${unit.code}`);
    for (let k = 0; k < unit.trained; k++) {
      const name = k === 0 ? unit.person : personName(r);
      let day: number;
      if (unit.kind === 'key_unit' || unit.kind === 'distillery' || unit.kind === 'packaging')
        day = r.chance(0.85) ? dayIn(r, '2024-03-01', '2024-12-20') : dayIn(r, '2025-01-10', '2025-10-30');
      else if (unit.kind === 'crowded') day = r.chance(0.85) ? dayIn(r, '2024-03-01', '2025-12-20') : dayIn(r, '2026-01-10', '2026-11-20');
      else day = dayIn(r, '2024-04-01', '2026-11-25');
      trainings.push({
        unit_code: unit.code,
        village_code: at(villages, unit.villageIndex).code,
        person_name: name,
        trained_on: formatDay(day),
      });
    }
  }
  // Village-level 明白人: grid workers, village cadres, volunteer team leaders.
  for (const village of villages) {
    const r = rng.fork(`training:village:${village.index}`);
    const count = r.int(2, 5);
    for (let k = 0; k < count; k++) {
      trainings.push({
        unit_code: null,
        village_code: village.code,
        person_name: personName(r),
        trained_on: formatDay(dayIn(r, '2024-03-01', '2026-11-25')),
      });
    }
  }
  trainings.sort((a, b) =>
    a.trained_on < b.trained_on
      ? -1
      : a.trained_on > b.trained_on
        ? 1
        : a.village_code < b.village_code
          ? -1
          : a.village_code > b.village_code
            ? 1
            : 0,
  );
  return trainings;
}
