import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { LAYER_NAMES, type LayerName } from '../map/layer-names';

/** The types a queryable can have, as JSON Schema names them (and as the filter compares them). */
export type QueryableType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

/** A collection of the OGC API: one map layer, with the properties a `filter` or `properties=` may name. */
export interface OgcCollection {
  id: LayerName;
  title: string;
  titleEn: string;
  geometryType: 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';
  /** The features' ids are the layer's integer ids, or (villages) their 12-digit codes. */
  idType: 'integer' | 'string';
  /** The date the `datetime` parameter selects by, for dated layers. */
  datetime?: string;
  queryables: Readonly<Record<string, QueryableType>>;
}

const s = 'string' as const;
const i = 'integer' as const;
const n = 'number' as const;
const b = 'boolean' as const;
const d = 'date' as const;

/** The columns of each layer's rows (db/queries/layers.ts) but the id and the geometry, with their types. */
const DEFINITIONS: Record<LayerName, Omit<OgcCollection, 'id' | 'title' | 'titleEn'>> = {
  villages: {
    geometryType: 'MultiPolygon',
    idType: 'string',
    queryables: { code: s, name: s, population: i, households: i, is_seat: b, village_code: s, label_lon: n, label_lat: n },
  },
  buildings: {
    geometryType: 'Polygon',
    idType: 'integer',
    queryables: {
      code: s,
      village_code: s,
      name: s,
      use: s,
      shop_front_home_back: b,
      shop_below_home_above: b,
      three_in_one: b,
      nine_small_category: s,
      floors: i,
      height_m: n,
      structure: s,
      fire_grade: s,
      through_stair: b,
      occupants: i,
      vulnerable_residents: i,
      has_smoke_alarm: b,
      has_extinguisher: b,
      responsible_person: s,
      built_year: i,
    },
  },
  passages: {
    geometryType: 'LineString',
    idType: 'integer',
    queryables: {
      code: s,
      name: s,
      village_code: s,
      class: s,
      clear_width_m: n,
      clear_height_m: n,
      surface: s,
      has_turnaround: b,
      slope_pct: n,
      open_obstacles: i,
      width_class: s,
    },
  },
  obstacles: {
    geometryType: 'Point',
    idType: 'integer',
    datetime: 'found_on',
    queryables: { code: s, passage_code: s, village_code: s, obstacle_type: s, status: s, found_on: d, cleared_on: d, note: s },
  },
  'water-sources': {
    geometryType: 'Point',
    idType: 'integer',
    queryables: { code: s, name: s, village_code: s, kind: s, capacity_m3: n, status: s, seasonal: b },
  },
  stations: {
    geometryType: 'Point',
    idType: 'integer',
    queryables: { code: s, name: s, village_code: s, kind: s, staff: i, vehicles: i, vehicle_type: s, speed_kmh: n },
  },
  units: {
    geometryType: 'Point',
    idType: 'integer',
    queryables: {
      code: s,
      name: s,
      kind: s,
      village_code: s,
      trained_persons: i,
      drills_per_year: i,
      responsible_person: s,
      building_code: s,
    },
  },
  hazards: {
    geometryType: 'Point',
    idType: 'integer',
    datetime: 'found_on',
    queryables: {
      code: s,
      village_code: s,
      category: s,
      place_type: s,
      severity: s,
      criterion: s,
      description: s,
      found_on: d,
      deadline: d,
      status: s,
      responsible_person: s,
      overdue: b,
    },
  },
  incidents: {
    geometryType: 'Point',
    idType: 'integer',
    datetime: 'occurred_on',
    queryables: {
      code: s,
      occurred_on: d,
      year: i,
      village_code: s,
      cause: s,
      loss_yuan: n,
      deaths: i,
      injuries: i,
      description: s,
    },
  },
  'straw-stacks': {
    geometryType: 'Polygon',
    idType: 'integer',
    queryables: { code: s, village_code: s, size: s, volume_m3: n },
  },
};

/** Every layer of the map as an OGC API collection, titled as the map's layer panel titles it. */
export const OGC_COLLECTIONS: readonly OgcCollection[] = LAYER_NAMES.map((id) => ({
  id,
  title: zhCN[`layer.${id}`],
  titleEn: en[`layer.${id}`],
  ...DEFINITIONS[id],
}));

export function ogcCollection(id: string): OgcCollection | undefined {
  return OGC_COLLECTIONS.find((collection) => collection.id === id);
}
