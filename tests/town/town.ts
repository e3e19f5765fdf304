import type { GeodataRecords } from '../../db/seed/geodata-files';
import { areaIn, type Frame, LON_LAT, lineIn, type PlacedGeometry, pointIn, polygonIn, type Ring, type Xy } from './coordinates';

/**
 * A test town described record by record, with the product's own geodata vocabulary (geodata/README.md):
 * villages, and in each village its buildings, passages, obstacles, water sources, stations, units, straw
 * stacks, hazards, incidents and trainings, placed in the village's frame (metres from an origin, or lon/lat).
 * What a description leaves out gets the neutral value the database would give (no alarm, no staff, …).
 * A town is then written as geodata files for the seed loader (`geodata-folder.ts`) or into the tables
 * (`insert-town.ts`).
 */
export type TownTable = keyof GeodataRecords;

export interface TownRecord {
  properties: Record<string, unknown>;
  geometry: PlacedGeometry | null;
}

type Records = GeodataRecords;
/** What a description gives for a record: the required properties, any others; code and village come from the call. */
type Given<T, Required extends keyof T = never> = Partial<Omit<T, 'code' | 'village_code'>> & Pick<T, Required>;
type HazardEvent = Records['hazards']['events'][number];

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** One entry of a hazard's event log, by the inspector unless said otherwise. */
export const hazardEvent = (
  at: string,
  action: HazardEvent['action'],
  from: HazardEvent['from_status'] = null,
  to: HazardEvent['to_status'] = null,
  more: Partial<HazardEvent> = {},
): HazardEvent => ({ at, actor: '检查员王五', action, from_status: from, to_status: to, note: '', notify_method: null, ...more });

export class TestTown {
  readonly records: Record<TownTable, TownRecord[]> = {
    villages: [],
    buildings: [],
    passages: [],
    obstacles: [],
    water_sources: [],
    stations: [],
    social_units: [],
    straw_stacks: [],
    hazards: [],
    fire_incidents: [],
    drills: [],
    trainings: [],
  };
  private readonly villages = new Map<string, TownVillage>();

  /** A village whose records are placed in `frame` (lon/lat unless given), its boundary the ring `area`. */
  village(code: string, { frame = LON_LAT, area, ...given }: Given<Records['villages'], 'name'> & { frame?: Frame; area: Ring }) {
    const properties: Records['villages'] = { code, population: 100, households: 30, is_seat: false, ...given };
    this.add('villages', properties, areaIn(frame, area));
    const village = new TownVillage(this, code, frame);
    this.villages.set(code, village);
    return village;
  }

  /** A village described before, to add to it. */
  in(code: string): TownVillage {
    const village = this.villages.get(code);
    if (!village) throw new Error(`the town has no village ${code}`);
    return village;
  }

  drill(given: Given<Records['drills'], 'unit_code' | 'held_on' | 'participants'>): this {
    const properties: Records['drills'] = { note: '', ...given };
    this.add('drills', properties, null);
    return this;
  }

  add(table: TownTable, properties: object, geometry: PlacedGeometry | null): void {
    this.records[table].push({ properties: { ...properties }, geometry });
  }
}

export class TownVillage {
  constructor(
    private readonly town: TestTown,
    readonly code: string,
    readonly frame: Frame,
  ) {}

  building(code: string, footprint: Ring, given: Given<Records['buildings']> = {}): this {
    const properties: Records['buildings'] = {
      code,
      village_code: this.code,
      name: null,
      use: 'residential',
      shop_front_home_back: false,
      shop_below_home_above: false,
      three_in_one: false,
      nine_small_category: null,
      floors: 1,
      height_m: 3.5,
      structure: 'brick_wood',
      fire_grade: '3',
      through_stair: false,
      occupants: 0,
      vulnerable_residents: 0,
      has_smoke_alarm: false,
      has_extinguisher: false,
      responsible_person: null,
      built_year: null,
      ...given,
    };
    return this.add('buildings', properties, polygonIn(this.frame, footprint));
  }

  /** A straight passage from one position to another. */
  passage(code: string, from: Xy, to: Xy, given: Given<Records['passages'], 'clear_width_m'>): this {
    const properties: Records['passages'] = {
      code,
      village_code: this.code,
      name: null,
      class: 'village_road',
      clear_height_m: null,
      surface: 'concrete',
      has_turnaround: false,
      slope_pct: 0,
      ...given,
    };
    return this.add('passages', properties, lineIn(this.frame, [from, to]));
  }

  obstacle(code: string, passageCode: string, at: Xy, given: Given<Records['obstacles']> = {}): this {
    const properties: Records['obstacles'] = {
      code,
      passage_code: passageCode,
      obstacle_type: 'piled_goods',
      status: 'open',
      found_on: '2026-03-01',
      cleared_on: null,
      note: '',
      ...given,
    };
    return this.add('obstacles', properties, pointIn(this.frame, at));
  }

  waterSource(code: string, at: Xy, given: Given<Records['water_sources'], 'kind'>): this {
    const properties: Records['water_sources'] = {
      code,
      name: code,
      village_code: this.code,
      capacity_m3: null,
      usable_months: ALL_MONTHS,
      status: 'in_service',
      ...given,
    };
    return this.add('water_sources', properties, pointIn(this.frame, at));
  }

  station(code: string, at: Xy, given: Given<Records['stations'], 'kind' | 'speed_kmh'>): this {
    const properties: Records['stations'] = {
      code,
      name: code,
      village_code: this.code,
      staff: 0,
      vehicles: 0,
      vehicle_type: '',
      ...given,
    };
    return this.add('stations', properties, pointIn(this.frame, at));
  }

  unit(code: string, at: Xy, given: Given<Records['social_units'], 'kind'>): this {
    const properties: Records['social_units'] = {
      code,
      name: code,
      building_code: null,
      village_code: this.code,
      trained_persons: 0,
      drills_per_year: 0,
      responsible_person: null,
      ...given,
    };
    return this.add('social_units', properties, pointIn(this.frame, at));
  }

  strawStack(code: string, outline: Ring, given: Given<Records['straw_stacks'], 'size'>): this {
    const properties: Records['straw_stacks'] = { code, village_code: this.code, volume_m3: 30, ...given };
    return this.add('straw_stacks', properties, polygonIn(this.frame, outline));
  }

  hazard(code: string, at: Xy, given: Given<Records['hazards'], 'category' | 'severity' | 'found_on' | 'deadline' | 'status'>): this {
    const properties: Records['hazards'] = {
      code,
      village_code: this.code,
      building_code: null,
      unit_code: null,
      passage_code: null,
      place_type: null,
      criterion: null,
      description: '',
      responsible_person: null,
      closed_on: null,
      events: [],
      ...given,
    };
    return this.add('hazards', properties, pointIn(this.frame, at));
  }

  incident(code: string, at: Xy, given: Given<Records['fire_incidents'], 'occurred_on' | 'cause'>): this {
    const properties: Records['fire_incidents'] = {
      code,
      village_code: this.code,
      loss_yuan: 0,
      deaths: 0,
      injuries: 0,
      description: '',
      ...given,
    };
    return this.add('fire_incidents', properties, pointIn(this.frame, at));
  }

  training(given: Given<Records['trainings'], 'person_name' | 'trained_on'>): this {
    const properties: Records['trainings'] = { unit_code: null, village_code: this.code, ...given };
    return this.add('trainings', properties, null);
  }

  private add(table: TownTable, properties: object, geometry: PlacedGeometry | null): this {
    this.town.add(table, properties, geometry);
    return this;
  }
}
