// Entry point: `npm run geodata` writes the synthetic demo town (示例数据) to geodata/;
// `npm run geodata -- --villages 220 --out .data/county-geodata --seed 7` writes a county-scale set.
// Same seed -> byte-identical files.

import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BuildingStore } from './building-store';
import { buildSettlement, placeFarm, placeRoadSite } from './buildings';
import { parseOptions } from './config';
import { formatDay } from './dates';
import { buildHazards } from './hazards';
import { buildIncidents } from './incidents';
import { at } from './list';
import { ObstacleRegistry } from './obstacles';
import { buildPassages } from './passages';
import { buildStaff } from './people';
import { Rng } from './prng';
import { Projection } from './projection';
import { buildDrills, buildTrainings } from './records';
import { buildStations } from './stations';
import { buildStrawStacks } from './straw';
import { planCountyRoad, planTownRoads, planVillage, villageLines } from './street-plan';
import type { Facility, RawLine } from './types';
import { buildUnits } from './units';
import { buildVillages, VillageLocator } from './villages';
import { buildWaterSources } from './water';
import { ArrayWriter, FeatureWriter, type WrittenFile } from './writer';

/** County fire station (文水县消防救援大队), placed toward the county seat NW of the town. */
const COUNTY_STATION = { lon: 112.03, lat: 37.43 };

function main(): void {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  const rng = new Rng(options.seed);
  const projection = new Projection();
  const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);

  const territory = buildVillages(options.villages, options.county, rng.fork('villages'));
  const villages = territory.villages;
  const locator = new VillageLocator(villages);
  log(`${villages.length} villages`);

  const plans = villages.map((v) => planVillage(v, rng.fork(`plan:${v.index}`)));
  const townRoads = planTownRoads(plans, rng.fork('town-roads'));
  const countyPoint = projection.toLocal(COUNTY_STATION.lon, COUNTY_STATION.lat);
  const countyRoad = planCountyRoad(plans, countyPoint, rng.fork('county-road'));

  const farmRng = rng.fork('farms');
  const candidates = villages.filter((v) => !v.isSeat).map((v) => v.index);
  farmRng.shuffle(candidates);
  const farmCount = options.county ? Math.round(villages.length / 3) : farmRng.int(5, 7);
  const farmVillages = new Set(candidates.slice(0, farmCount));

  const lines: RawLine[] = [countyRoad, ...townRoads];
  for (const plan of plans)
    lines.push(...villageLines(plan, farmVillages.has(plan.village.index) ? 1 : 0, rng.fork(`lines:${plan.village.index}`)));
  const network = buildPassages(lines, territory.boundarySegments, locator, rng.fork('passages'));
  log(`${network.passages.length} passages`);

  const store = new BuildingStore(villages, network.corridors);
  const facilities: Facility[] = [];
  for (const plan of plans) buildSettlement(plan, store, facilities, rng.fork(`settlement:${plan.village.index}`));
  const siteRng = rng.fork('sites');
  const industrial = candidates.slice().reverse();
  const distilleries = options.county ? Math.round(villages.length / 6) : siteRng.int(3, 4);
  const packaging = options.county ? Math.round(villages.length / 8) : siteRng.int(2, 3);
  let placedDistilleries = 0;
  let placedPackaging = 0;
  for (const v of industrial) {
    if (placedDistilleries < distilleries) {
      if (placeRoadSite('distillery', v, at(plans, v), network, store, facilities, siteRng, false)) placedDistilleries++;
    } else if (placedPackaging < packaging) {
      if (placeRoadSite('packaging', v, at(plans, v), network, store, facilities, siteRng, false)) placedPackaging++;
    }
  }
  for (const village of villages) {
    if (!village.isSeat) continue;
    placeRoadSite('fuel_station', village.index, at(plans, village.index), network, store, facilities, siteRng, true);
    placeRoadSite('lpg_station', village.index, at(plans, village.index), network, store, facilities, siteRng, true);
  }
  for (const passage of network.passages) if (passage.farmAccess) placeFarm(passage.index, network, store, facilities, plans, siteRng);
  log(`${store.buildings.length} buildings, ${facilities.length} facilities`);

  // Codes follow village order; households and population from the houses.
  const order = store.buildings
    .map((b) => b.index)
    .sort((a, b) => at(store.buildings, a).villageIndex - at(store.buildings, b).villageIndex || a - b);
  order.forEach((id, k) => (at(store.buildings, id).code = `B${String(k + 1).padStart(6, '0')}`));
  for (const village of villages) {
    const r = rng.fork(`population:${village.index}`);
    let households = 0;
    for (const b of store.buildings) {
      if (b.villageIndex !== village.index) continue;
      if (b.role === 'house_main' || b.role === 'house_new' || b.role === 'house_renovated') households++;
      else if (b.role === 'shop' && (b.shopFrontHomeBack || b.shopBelowHomeAbove || b.threeInOne)) households++;
    }
    village.households = households;
    village.population = Math.round(households * r.float(2.9, 3.5));
  }

  const obstacles = new ObstacleRegistry(network);
  const stacks = buildStrawStacks(villages, network, store, obstacles, rng.fork('straw'));
  obstacles.scatter(villages, rng.fork('obstacles'));
  obstacles.finish();
  const water = buildWaterSources(villages, network, store, facilities, rng.fork('water'));
  const stations = buildStations(villages, countyPoint, locator, store, facilities, rng.fork('stations'));
  const units = buildUnits(villages, store, facilities, network, rng.fork('units'));
  const staff = buildStaff(villages, rng.fork('staff'));
  const hazards = buildHazards(villages, store, units, network, obstacles.obstacles, stacks, water, staff, rng.fork('hazards'));
  const incidents = buildIncidents(villages, store, stacks, rng.fork('incidents'));
  const drills = buildDrills(units, store, rng.fork('drills'));
  const trainings = buildTrainings(villages, units, rng.fork('trainings'));
  log('records built, writing');

  // ---------- write ----------
  fs.mkdirSync(options.out, { recursive: true });
  const meta = { seed: options.seed };
  const written: WrittenFile[] = [];
  const villageCode = (index: number) => (index >= 0 ? at(villages, index).code : null);

  let w = new FeatureWriter(options.out, 'villages', projection, meta);
  for (const v of villages)
    w.multiPolygon({ code: v.code, name: v.name, population: v.population, households: v.households, is_seat: v.isSeat }, v.ring);
  written.push(w.close());

  w = new FeatureWriter(options.out, 'buildings', projection, meta);
  for (const id of order) {
    const b = at(store.buildings, id);
    w.polygon(
      {
        code: b.code,
        village_code: at(villages, b.villageIndex).code,
        name: b.name,
        use: b.use,
        shop_front_home_back: b.shopFrontHomeBack,
        shop_below_home_above: b.shopBelowHomeAbove,
        three_in_one: b.threeInOne,
        nine_small_category: b.nineSmall,
        floors: b.floors,
        height_m: b.height,
        structure: b.structure,
        fire_grade: b.grade,
        through_stair: b.throughStair,
        occupants: b.occupants,
        vulnerable_residents: b.vulnerable,
        has_smoke_alarm: b.smokeAlarm,
        has_extinguisher: b.extinguisher,
        responsible_person: b.person,
        built_year: b.builtYear,
      },
      b.ring,
    );
  }
  written.push(w.close());

  w = new FeatureWriter(options.out, 'passages', projection, meta);
  for (const p of network.passages) {
    w.lineString(
      {
        code: p.code,
        name: p.name,
        village_code: villageCode(p.villageIndex),
        class: p.cls,
        clear_width_m: p.width,
        clear_height_m: p.clearHeight,
        surface: p.surface,
        has_turnaround: p.hasTurnaround,
        slope_pct: p.slope,
      },
      p.points,
    );
  }
  written.push(w.close());

  w = new FeatureWriter(options.out, 'obstacles', projection, meta);
  for (const o of obstacles.obstacles) {
    w.point(
      {
        code: o.code,
        passage_code: at(network.passages, o.passage).code,
        obstacle_type: o.type,
        status: o.status,
        found_on: formatDay(o.foundOn),
        cleared_on: o.clearedOn === null ? null : formatDay(o.clearedOn),
        note: o.note,
      },
      o.point,
    );
  }
  written.push(w.close());

  w = new FeatureWriter(options.out, 'water-sources', projection, meta);
  for (const s of water) {
    w.point(
      {
        code: s.code,
        name: s.name,
        village_code: at(villages, s.villageIndex).code,
        kind: s.kind,
        capacity_m3: s.capacity,
        usable_months: s.months,
        status: s.status,
      },
      s.point,
    );
  }
  written.push(w.close());

  w = new FeatureWriter(options.out, 'stations', projection, meta);
  for (const s of stations) {
    w.point(
      {
        code: s.code,
        name: s.name,
        village_code: villageCode(s.villageIndex),
        kind: s.kind,
        staff: s.staff,
        vehicles: s.vehicles,
        vehicle_type: s.vehicleType,
        speed_kmh: s.speed,
      },
      s.point,
    );
  }
  written.push(w.close());

  w = new FeatureWriter(options.out, 'units', projection, meta);
  for (const u of units) {
    w.point(
      {
        code: u.code,
        name: u.name,
        kind: u.kind,
        building_code: u.building >= 0 ? at(store.buildings, u.building).code : null,
        village_code: at(villages, u.villageIndex).code,
        trained_persons: u.trained,
        drills_per_year: u.drills,
        responsible_person: u.person,
      },
      u.point,
    );
  }
  written.push(w.close());

  w = new FeatureWriter(options.out, 'straw-stacks', projection, meta);
  for (const s of stacks)
    w.polygon({ code: s.code, village_code: at(villages, s.villageIndex).code, size: s.size, volume_m3: s.volume }, s.ring);
  written.push(w.close());

  w = new FeatureWriter(options.out, 'hazards', projection, meta);
  for (const h of hazards) {
    w.point(
      {
        code: h.code,
        village_code: at(villages, h.villageIndex).code,
        building_code: h.building >= 0 ? at(store.buildings, h.building).code : null,
        unit_code: h.unit >= 0 ? at(units, h.unit).code : null,
        passage_code: h.passage >= 0 ? at(network.passages, h.passage).code : null,
        category: h.category,
        place_type: h.placeType,
        severity: h.severity,
        criterion: h.criterion,
        description: h.description,
        found_on: formatDay(h.foundOn),
        deadline: formatDay(h.deadline),
        status: h.status,
        responsible_person: h.person,
        closed_on: h.closedOn === null ? null : formatDay(h.closedOn),
        events: h.events.map((e) => ({
          at: e.at,
          actor: e.actor,
          action: e.action,
          from_status: e.from,
          to_status: e.to,
          note: e.note,
          notify_method: e.notifyMethod,
        })),
      },
      h.point,
    );
  }
  written.push(w.close());

  w = new FeatureWriter(options.out, 'incidents', projection, meta);
  for (const x of incidents) {
    w.point(
      {
        code: x.code,
        occurred_on: formatDay(x.occurredOn),
        village_code: at(villages, x.villageIndex).code,
        cause: x.cause,
        loss_yuan: x.loss,
        deaths: x.deaths,
        injuries: x.injuries,
        description: x.description,
      },
      x.point,
    );
  }
  written.push(w.close());

  const drillWriter = new ArrayWriter(options.out, 'drills');
  for (const d of drills) drillWriter.record(d);
  written.push(drillWriter.close());
  const trainingWriter = new ArrayWriter(options.out, 'trainings');
  for (const t of trainings) trainingWriter.record(t);
  written.push(trainingWriter.close());

  log(`written to ${options.out} (seed ${options.seed}):`);
  let total = 0;
  for (const f of written) {
    total += f.bytes;
    console.log(
      `  ${f.file.padEnd(22)} ${String(f.count).padStart(8)} ${f.file.endsWith('.json') ? 'records ' : 'features'} ${(f.bytes / 1e6).toFixed(2).padStart(8)} MB`,
    );
  }
  console.log(`  ${'total'.padEnd(22)} ${''.padStart(17)} ${(total / 1e6).toFixed(2).padStart(8)} MB`);
}

main();
