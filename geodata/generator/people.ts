// The people who appear in records: inspectors of the township fire office, grid workers and village
// officers. All names are synthetic.

import { personName } from './names';
import type { Rng } from './prng';
import type { Village } from './villages';

export interface Staff {
  inspectors: string[]; // 镇消防所 / 综合执法队 / 派出所
  gridWorkers: Map<number, string[]>; // per village
  villageHeads: Map<number, string>; // 村主干 per village
}

export function buildStaff(villages: readonly Village[], rng: Rng): Staff {
  const inspectorsByTown = new Map<number, string[]>();
  const gridWorkers = new Map<number, string[]>();
  const villageHeads = new Map<number, string>();
  for (const village of villages) {
    if (!inspectorsByTown.has(village.townIndex)) {
      const r = rng.fork(`inspectors:${village.townIndex}`);
      inspectorsByTown.set(village.townIndex, [
        `${personName(r)}（镇消防所）`,
        `${personName(r)}（镇消防所）`,
        `${personName(r)}（镇消防所）`,
        `${personName(r)}（综合执法队）`,
        `${personName(r)}（综合执法队）`,
        `${personName(r)}（派出所）`,
      ]);
    }
    const r = rng.fork(`village-staff:${village.index}`);
    gridWorkers.set(village.index, [`${personName(r)}（网格员）`, `${personName(r)}（网格员）`]);
    villageHeads.set(village.index, personName(r));
  }
  return { inspectors: [...inspectorsByTown.values()].flat(), gridWorkers, villageHeads };
}

export function inspectorsOf(staff: Staff, townIndex: number): string[] {
  return staff.inspectors.slice(townIndex * 6, townIndex * 6 + 6);
}
