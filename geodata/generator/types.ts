// Shared types and the enumeration codes of geodata/CONTRACT.md.

import type { Pt } from './geometry';

export type PassageClass = 'town_road' | 'village_road' | 'lane' | 'field_road';
export type Surface = 'asphalt' | 'concrete' | 'gravel' | 'earth';
/** Where a passage lies: old village core, newer rows, farmland, between villages. */
export type Zone = 'core' | 'new' | 'field' | 'town';

export type BuildingUse = 'residential' | 'business' | 'factory' | 'warehouse' | 'public';
export type Structure = 'earth_wood' | 'brick_wood' | 'brick_concrete' | 'frame' | 'steel';
export type FireGrade = '1-2' | '3' | '4';
export type NineSmall = 'shop' | 'eatery' | 'inn' | 'workshop' | 'clinic' | 'school' | 'entertainment' | 'internet_cafe' | 'bath_beauty';
export type UnitKind = 'key_unit' | 'crowded' | 'nine_small' | 'distillery' | 'packaging' | 'farm' | 'other';
export type HazardCategory =
  | 'passage'
  | 'spacing'
  | 'water'
  | 'electrical'
  | 'fire_use'
  | 'exits'
  | 'alarm_extinguisher'
  | 'straw'
  | 'other';
export type PlaceType = 'nine_small' | 'distillery' | 'packaging' | 'farm' | 'crowded' | 'key_unit' | 'self_built';
export type HazardStatus = 'pending' | 'in_progress' | 'awaiting_review' | 'closed';

/** A road or lane centreline before noding. */
export interface RawLine {
  points: Pt[];
  cls: PassageClass;
  width: number;
  surface: Surface;
  name: string | null;
  clearHeight: number | null;
  slope: number;
  zone: Zone;
  /** Village whose plan produced the line (-1 for roads between villages). */
  owner: number;
  /** Set on field roads that lead to a farm: the farm is placed beyond the end. */
  farmAccess?: boolean;
}

export interface Passage {
  index: number;
  code: string;
  points: Pt[];
  name: string | null;
  villageIndex: number; // -1 = outside every village
  cls: PassageClass;
  width: number;
  clearHeight: number | null;
  surface: Surface;
  hasTurnaround: boolean;
  slope: number;
  zone: Zone;
  length: number;
  nodeA: number;
  nodeB: number;
  owner: number;
  farmAccess: boolean;
}

export interface Building {
  index: number;
  code: string;
  villageIndex: number;
  ring: Pt[];
  centroid: Pt;
  area: number;
  name: string | null;
  use: BuildingUse;
  shopFrontHomeBack: boolean;
  shopBelowHomeAbove: boolean;
  threeInOne: boolean;
  nineSmall: NineSmall | null;
  floors: number;
  height: number;
  structure: Structure;
  grade: FireGrade;
  throughStair: boolean;
  occupants: number;
  vulnerable: number;
  smokeAlarm: boolean;
  extinguisher: boolean;
  person: string;
  builtYear: number;
  /** What the generator built it as (house_main, wing, shop, school, …): drives units and hazards. */
  role: string;
  zone: Zone;
  /** Facility (school, distillery, …) it belongs to, or -1. */
  facility: number;
}

export type FacilityKind =
  | 'town_government'
  | 'central_school'
  | 'primary_school'
  | 'kindergarten'
  | 'health_centre'
  | 'market'
  | 'nursing_home'
  | 'police'
  | 'brigade'
  | 'village_committee'
  | 'supermarket'
  | 'distillery'
  | 'packaging'
  | 'farm'
  | 'fuel_station'
  | 'lpg_station';

/** A group of buildings run as one place (school, distillery, …). */
export interface Facility {
  index: number;
  kind: FacilityKind;
  name: string;
  villageIndex: number;
  buildings: number[];
  person: string;
}
