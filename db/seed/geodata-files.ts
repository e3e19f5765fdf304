import { z } from 'zod';
import * as codes from '../../lib/domain/enums';
import type { GeometryKind } from '../../lib/geo/geojson-schema';

/** Property schemas of the geodata files (see geodata/README.md), one per file. */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date');
const count = z.number().int().nonnegative();
const text = z.string().max(2000);
const code = z.string().min(1).max(64);

const village = z.object({
  code: z.string().regex(/^\d{12}$/, 'a village code has 12 digits'),
  name: text.min(1),
  population: count,
  households: count,
  is_seat: z.boolean(),
});

const building = z.object({
  code,
  village_code: code,
  name: text.nullable(),
  use: z.enum(codes.BUILDING_USES),
  shop_front_home_back: z.boolean(),
  shop_below_home_above: z.boolean(),
  three_in_one: z.boolean(),
  nine_small_category: z.enum(codes.NINE_SMALL_CATEGORIES).nullable(),
  floors: z.number().int().min(1).max(60),
  height_m: z.number().positive(),
  structure: z.enum(codes.STRUCTURES),
  fire_grade: z.enum(codes.FIRE_GRADES),
  through_stair: z.boolean(),
  occupants: count,
  vulnerable_residents: count,
  has_smoke_alarm: z.boolean(),
  has_extinguisher: z.boolean(),
  responsible_person: text.nullable(),
  built_year: z.number().int().min(1800).max(2100).nullable(),
});

const passage = z.object({
  code,
  name: text.nullable(),
  village_code: code.nullable(),
  class: z.enum(codes.PASSAGE_CLASSES),
  clear_width_m: z.number().positive(),
  clear_height_m: z.number().positive().nullable(),
  surface: z.enum(codes.SURFACES),
  has_turnaround: z.boolean(),
  slope_pct: z.number(),
});

const obstacle = z.object({
  code,
  passage_code: code,
  obstacle_type: z.enum(codes.OBSTACLE_TYPES),
  status: z.enum(codes.OBSTACLE_STATUSES),
  found_on: date,
  cleared_on: date.nullable(),
  note: text,
});

const waterSource = z.object({
  code,
  name: text,
  village_code: code.nullable(),
  kind: z.enum(codes.WATER_KINDS),
  capacity_m3: z.number().nonnegative().nullable(),
  usable_months: z.array(z.number().int().min(1).max(12)),
  status: z.enum(codes.WATER_STATUSES),
});

const station = z.object({
  code,
  name: text,
  village_code: code.nullable(),
  kind: z.enum(codes.STATION_KINDS),
  staff: count,
  vehicles: count,
  vehicle_type: text,
  speed_kmh: z.number().positive(),
});

const unit = z.object({
  code,
  name: text,
  kind: z.enum(codes.UNIT_KINDS),
  building_code: code.nullable(),
  village_code: code,
  trained_persons: count,
  drills_per_year: count,
  responsible_person: text.nullable(),
});

const strawStack = z.object({
  code,
  village_code: code.nullable(),
  size: z.enum(codes.STACK_SIZES),
  volume_m3: z.number().nonnegative(),
});

const hazardEvent = z.object({
  at: z.iso.datetime({ offset: true }),
  actor: text.min(1),
  action: z.enum(codes.HAZARD_EVENT_ACTIONS),
  from_status: z.enum(codes.HAZARD_STATUSES).nullable(),
  to_status: z.enum(codes.HAZARD_STATUSES).nullable(),
  note: text,
  notify_method: z.enum(codes.NOTIFY_METHODS).nullable(),
});

const hazard = z.object({
  code,
  village_code: code,
  building_code: code.nullable(),
  unit_code: code.nullable(),
  passage_code: code.nullable(),
  category: z.enum(codes.HAZARD_CATEGORIES),
  place_type: z.enum(codes.PLACE_TYPES).nullable(),
  severity: z.enum(codes.SEVERITIES),
  criterion: text.nullable(),
  description: text,
  found_on: date,
  deadline: date,
  status: z.enum(codes.HAZARD_STATUSES),
  responsible_person: text.nullable(),
  closed_on: date.nullable(),
  events: z.array(hazardEvent),
});

const incident = z.object({
  code,
  occurred_on: date,
  village_code: code.nullable(),
  cause: z.enum(codes.INCIDENT_CAUSES),
  loss_yuan: z.number().nonnegative(),
  deaths: count,
  injuries: count,
  description: text,
});

const drill = z.object({ unit_code: code, held_on: date, participants: count, note: text });
const training = z.object({ unit_code: code.nullable(), village_code: code, person_name: text.min(1), trained_on: date });

/** One record of each geodata file, by table, as the files spell it (references by code). */
export interface GeodataRecords {
  villages: z.infer<typeof village>;
  buildings: z.infer<typeof building>;
  passages: z.infer<typeof passage>;
  obstacles: z.infer<typeof obstacle>;
  water_sources: z.infer<typeof waterSource>;
  stations: z.infer<typeof station>;
  social_units: z.infer<typeof unit>;
  straw_stacks: z.infer<typeof strawStack>;
  hazards: z.infer<typeof hazard>;
  fire_incidents: z.infer<typeof incident>;
  drills: z.infer<typeof drill>;
  trainings: z.infer<typeof training>;
}

/** A reference from one file's property (e.g. `passage_code`) to rows loaded from an earlier file. */
export interface CodeReference {
  property: string;
  column: string;
  table: 'buildings' | 'passages' | 'social_units';
}

export interface GeodataFile {
  file: string;
  table: keyof GeodataRecords;
  /** null for plain JSON arrays without geometry. */
  geometry: GeometryKind | null;
  properties: z.ZodObject;
  references: CodeReference[];
  /** A property holding an array of child rows for another table, e.g. a hazard's event log. */
  children?: { property: string; table: 'hazard_events'; parentColumn: string };
}

const toBuilding: CodeReference = { property: 'building_code', column: 'building_id', table: 'buildings' };
const toPassage: CodeReference = { property: 'passage_code', column: 'passage_id', table: 'passages' };
const toUnit: CodeReference = { property: 'unit_code', column: 'unit_id', table: 'social_units' };

/** Load order matters: a file may only reference tables loaded before it. */
export const GEODATA_FILES: GeodataFile[] = [
  { file: 'villages.geojson', table: 'villages', geometry: 'MultiPolygon', properties: village, references: [] },
  { file: 'buildings.geojson', table: 'buildings', geometry: 'Polygon', properties: building, references: [] },
  { file: 'passages.geojson', table: 'passages', geometry: 'LineString', properties: passage, references: [] },
  { file: 'obstacles.geojson', table: 'obstacles', geometry: 'Point', properties: obstacle, references: [toPassage] },
  { file: 'water-sources.geojson', table: 'water_sources', geometry: 'Point', properties: waterSource, references: [] },
  { file: 'stations.geojson', table: 'stations', geometry: 'Point', properties: station, references: [] },
  { file: 'units.geojson', table: 'social_units', geometry: 'Point', properties: unit, references: [toBuilding] },
  { file: 'straw-stacks.geojson', table: 'straw_stacks', geometry: 'Polygon', properties: strawStack, references: [] },
  {
    file: 'hazards.geojson',
    table: 'hazards',
    geometry: 'Point',
    properties: hazard,
    references: [toBuilding, toUnit, toPassage],
    children: { property: 'events', table: 'hazard_events', parentColumn: 'hazard_id' },
  },
  { file: 'incidents.geojson', table: 'fire_incidents', geometry: 'Point', properties: incident, references: [] },
  { file: 'drills.json', table: 'drills', geometry: null, properties: drill, references: [toUnit] },
  { file: 'trainings.json', table: 'trainings', geometry: null, properties: training, references: [toUnit] },
];
