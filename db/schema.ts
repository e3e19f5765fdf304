import type { Generated, Kysely } from 'kysely';
import type {
  BuildingUse,
  FireGrade,
  FixKind,
  FixStatus,
  HazardCategory,
  HazardEventAction,
  HazardStatus,
  IncidentCause,
  NineSmallCategory,
  NotifyMethod,
  ObstacleStatus,
  ObstacleType,
  PassageClass,
  PhotoKind,
  PhotoStorage,
  PlaceType,
  Role,
  Severity,
  StackSize,
  StationKind,
  Structure,
  Surface,
  UnitKind,
  WaterKind,
  WaterStatus,
} from '../lib/domain/enums';

/**
 * Typed rows of every table. Geometry columns are `geom`, typed as `unknown`: they are only read
 * through PostGIS functions (ST_AsGeoJSON, …) in db/queries, never as raw values.
 * Dates are `YYYY-MM-DD` strings (both engines are set up to return them unparsed).
 */
type Geometry = unknown;
type DateString = string;

export interface VillagesTable {
  code: string;
  name: string;
  population: number;
  households: number;
  is_seat: Generated<boolean>;
  geom: Geometry;
  /** Raised by every change; an edit based on an older version is refused. */
  version: Generated<number>;
  /** Set when the feature was retired (left out of an import, or deleted): hidden from the current town. */
  retired_at: Date | null;
}

export interface BuildingsTable {
  id: Generated<number>;
  code: string;
  village_code: string;
  name: string | null;
  use: BuildingUse;
  shop_front_home_back: Generated<boolean>;
  shop_below_home_above: Generated<boolean>;
  three_in_one: Generated<boolean>;
  nine_small_category: NineSmallCategory | null;
  floors: number;
  height_m: number;
  structure: Structure;
  fire_grade: FireGrade;
  through_stair: Generated<boolean>;
  occupants: Generated<number>;
  vulnerable_residents: Generated<number>;
  has_smoke_alarm: Generated<boolean>;
  has_extinguisher: Generated<boolean>;
  responsible_person: string | null;
  built_year: number | null;
  geom: Geometry;
  /** Raised by every change; an edit based on an older version is refused. */
  version: Generated<number>;
  /** Set when the feature was retired (left out of an import, or deleted): hidden from the current town. */
  retired_at: Date | null;
}

export interface SocialUnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: UnitKind;
  building_id: number | null;
  village_code: string;
  trained_persons: Generated<number>;
  drills_per_year: Generated<number>;
  responsible_person: string | null;
  geom: Geometry;
  /** Raised by every change; an edit based on an older version is refused. */
  version: Generated<number>;
  /** Set when the feature was retired (left out of an import, or deleted): hidden from the current town. */
  retired_at: Date | null;
}

export interface PassagesTable {
  id: Generated<number>;
  code: string;
  name: string | null;
  village_code: string | null;
  class: PassageClass;
  clear_width_m: number;
  clear_height_m: number | null;
  surface: Surface;
  has_turnaround: Generated<boolean>;
  slope_pct: Generated<number>;
  geom: Geometry;
  /** Raised by every change; an edit based on an older version is refused. */
  version: Generated<number>;
  /** Set when the feature was retired (left out of an import, or deleted): hidden from the current town. */
  retired_at: Date | null;
}

export interface ObstaclesTable {
  id: Generated<number>;
  code: string;
  passage_id: number;
  obstacle_type: ObstacleType;
  status: ObstacleStatus;
  found_on: DateString;
  cleared_on: DateString | null;
  note: Generated<string>;
  geom: Geometry;
  /** Raised by every change; an edit based on an older version is refused. */
  version: Generated<number>;
  /** Set when the feature was retired (left out of an import, or deleted): hidden from the current town. */
  retired_at: Date | null;
}

export interface WaterSourcesTable {
  id: Generated<number>;
  code: string;
  name: string;
  village_code: string | null;
  kind: WaterKind;
  capacity_m3: number | null;
  usable_months: number[];
  status: WaterStatus;
  geom: Geometry;
  /** Raised by every change; an edit based on an older version is refused. */
  version: Generated<number>;
  /** Set when the feature was retired (left out of an import, or deleted): hidden from the current town. */
  retired_at: Date | null;
}

export interface StationsTable {
  id: Generated<number>;
  code: string;
  name: string;
  village_code: string | null;
  kind: StationKind;
  staff: Generated<number>;
  vehicles: Generated<number>;
  vehicle_type: Generated<string>;
  speed_kmh: number;
  geom: Geometry;
  /** Raised by every change; an edit based on an older version is refused. */
  version: Generated<number>;
  /** Set when the feature was retired (left out of an import, or deleted): hidden from the current town. */
  retired_at: Date | null;
}

export interface StrawStacksTable {
  id: Generated<number>;
  code: string;
  village_code: string | null;
  size: StackSize;
  volume_m3: number;
  geom: Geometry;
  /** Raised by every change; an edit based on an older version is refused. */
  version: Generated<number>;
  /** Set when the feature was retired (left out of an import, or deleted): hidden from the current town. */
  retired_at: Date | null;
}

export interface HazardsTable {
  id: Generated<number>;
  code: string;
  village_code: string;
  building_id: number | null;
  /** The second building of a spacing hazard (needs building_id). */
  paired_building_id: number | null;
  unit_id: number | null;
  passage_id: number | null;
  category: HazardCategory;
  place_type: PlaceType | null;
  severity: Severity;
  criterion: string | null;
  rule_id: string | null;
  measured: number | null;
  description: Generated<string>;
  found_on: DateString;
  deadline: DateString;
  status: HazardStatus;
  responsible_person: string | null;
  closed_on: DateString | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  geom: Geometry;
}

export interface HazardEventsTable {
  id: Generated<number>;
  hazard_id: number;
  at: Generated<Date>;
  actor: string;
  action: HazardEventAction;
  from_status: HazardStatus | null;
  to_status: HazardStatus | null;
  note: Generated<string>;
  notify_method: NotifyMethod | null;
}

export interface FireIncidentsTable {
  id: Generated<number>;
  code: string;
  occurred_on: DateString;
  village_code: string | null;
  cause: IncidentCause;
  loss_yuan: Generated<number>;
  deaths: Generated<number>;
  injuries: Generated<number>;
  description: Generated<string>;
  geom: Geometry;
}

export interface DrillsTable {
  id: Generated<number>;
  unit_id: number;
  held_on: DateString;
  participants: Generated<number>;
  note: Generated<string>;
}

export interface TrainingsTable {
  id: Generated<number>;
  unit_id: number | null;
  village_code: string;
  person_name: string;
  trained_on: DateString;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor: string;
  role: string | null;
  action: string;
  table_name: string;
  record_id: string | null;
  village_code: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  villages: string[] | null;
  password_hash: string;
  active: Generated<boolean>;
  /** Set by an administrator's password reset: the user must choose a new password before anything else. */
  must_change_password: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Generated<Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface SignInAttemptsTable {
  id: Generated<string>;
  at: Generated<Date>;
  username: string;
  ip: string | null;
  succeeded: boolean;
}

// hazard photos
export interface HazardPhotosTable {
  id: Generated<number>;
  hazard_id: number;
  event_id: number | null;
  kind: PhotoKind;
  content_type: string;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  storage: PhotoStorage;
  storage_key: string;
  data: Uint8Array | null;
  thumbnail: Uint8Array;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
}
// planner workspace: passage fixes and what-if scenarios
export interface ScenariosTable {
  id: Generated<number>;
  name: string;
  fixes: unknown;
  sites: unknown;
  result: unknown;
  created_by: string;
  created_at: Generated<Date>;
  applied_at: Date | null;
}

export interface PassageFixesTable {
  id: Generated<number>;
  kind: FixKind;
  obstacle_id: number | null;
  passage_id: number | null;
  geom: Geometry | null;
  target_width_m: number | null;
  link_class: PassageClass | null;
  created_passage_id: number | null;
  responsible: Generated<string>;
  deadline: DateString | null;
  status: Generated<FixStatus>;
  note: Generated<string>;
  scenario_id: number | null;
  completed_on: DateString | null;
  version: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
// end planner workspace

// field app: retried writes
export interface IdempotencyKeysTable {
  user_id: number;
  key: string;
  /** SHA-256 (hex) of the request the key was first used for. */
  fingerprint: string;
  status: number;
  content_type: string | null;
  body: string;
  created_at: Generated<Date>;
}

// field checks (现场核查)
export type FieldCheckTargetKind = 'building' | 'obstacle';

export interface FieldChecksTable {
  id: Generated<number>;
  target_kind: FieldCheckTargetKind;
  target_id: number;
  /** The building's village, or the obstacle's passage's (null for a passage of the whole town). */
  village_code: string | null;
  checked_by: number;
  /** When the inspector looked (the phone's clock). */
  observed_at: Date;
  /** When the server stored it. */
  recorded_at: Generated<Date>;
  has_smoke_alarm: boolean | null;
  has_extinguisher: boolean | null;
  cleared: boolean | null;
  note: Generated<string>;
  /** Whether it changed the target (false: a newer observation was already stored). */
  applied: boolean;
}

export interface Database {
  villages: VillagesTable;
  buildings: BuildingsTable;
  social_units: SocialUnitsTable;
  passages: PassagesTable;
  obstacles: ObstaclesTable;
  water_sources: WaterSourcesTable;
  stations: StationsTable;
  straw_stacks: StrawStacksTable;
  // Every base row, retired ones too (the names above are views of the current rows).
  villages_all: VillagesTable;
  buildings_all: BuildingsTable;
  social_units_all: SocialUnitsTable;
  passages_all: PassagesTable;
  obstacles_all: ObstaclesTable;
  water_sources_all: WaterSourcesTable;
  stations_all: StationsTable;
  straw_stacks_all: StrawStacksTable;
  hazards: HazardsTable;
  hazard_events: HazardEventsTable;
  fire_incidents: FireIncidentsTable;
  drills: DrillsTable;
  trainings: TrainingsTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  api_tokens: ApiTokensTable;
  // hazard photos
  hazard_photos: HazardPhotosTable;
  // planner workspace
  scenarios: ScenariosTable;
  passage_fixes: PassageFixesTable;
  // field app: retried writes
  idempotency_keys: IdempotencyKeysTable;
  // field checks (现场核查)
  field_checks: FieldChecksTable;
}

export type TableName = keyof Database;

/** The database as queries take it: the shared instance or a transaction (a Transaction is a Kysely). */
export type Db = Kysely<Database>;
