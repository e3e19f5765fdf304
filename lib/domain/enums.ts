/**
 * Enumerated codes stored in the database. The database keeps stable English codes; the UI shows
 * Chinese (zh-CN) or English labels from the message files. These lists are append-only: the
 * migration that created a CHECK constraint read them, so removing or renaming a code needs a new
 * migration.
 */
export const BUILDING_USES = ['residential', 'business', 'factory', 'warehouse', 'public'] as const;
export const NINE_SMALL_CATEGORIES = [
  'shop',
  'eatery',
  'inn',
  'workshop',
  'clinic',
  'school',
  'entertainment',
  'internet_cafe',
  'bath_beauty',
] as const;
export const STRUCTURES = ['earth_wood', 'brick_wood', 'brick_concrete', 'frame', 'steel'] as const;
export const FIRE_GRADES = ['1-2', '3', '4'] as const;
export const UNIT_KINDS = ['key_unit', 'crowded', 'nine_small', 'distillery', 'packaging', 'farm', 'other'] as const;
export const PASSAGE_CLASSES = ['town_road', 'village_road', 'lane', 'field_road'] as const;
export const SURFACES = ['asphalt', 'concrete', 'gravel', 'earth'] as const;
export const OBSTACLE_TYPES = ['illegal_structure', 'piled_goods', 'parked_vehicle', 'ground_lock', 'straw_pile'] as const;
export const OBSTACLE_STATUSES = ['open', 'cleared'] as const;
export const WATER_KINDS = ['hydrant', 'pond', 'well', 'tank', 'river_intake'] as const;
export const WATER_STATUSES = ['in_service', 'out_of_service'] as const;
export const STATION_KINDS = ['micro_station', 'volunteer_team', 'township_brigade', 'county_station'] as const;
export const STACK_SIZES = ['large', 'small'] as const;
export const HAZARD_CATEGORIES = [
  'passage',
  'spacing',
  'water',
  'electrical',
  'fire_use',
  'exits',
  'alarm_extinguisher',
  'straw',
  'other',
] as const;
export const PLACE_TYPES = ['nine_small', 'distillery', 'packaging', 'farm', 'crowded', 'key_unit', 'self_built'] as const;
export const SEVERITIES = ['general', 'major'] as const;
export const HAZARD_STATUSES = ['pending', 'in_progress', 'awaiting_review', 'closed'] as const;
/** Not yet closed out (未销号): what an inspector works on. */
export const OPEN_HAZARD_STATUSES = HAZARD_STATUSES.filter((status) => status !== 'closed');
export const HAZARD_EVENT_ACTIONS = ['created', 'notified', 'transition', 'edited', 'reopened'] as const;
/** How the responsible person was told about a hazard; recorded only, the product never sends anything. */
export const NOTIFY_METHODS = ['phone', 'sms', 'in_person', 'written_notice', 'wechat'] as const;
export const INCIDENT_CAUSES = ['electrical', 'fire_use', 'straw', 'smoking', 'children', 'other'] as const;

/** Account roles; what each may do is in lib/auth/roles.ts. */
export const ROLES = ['leader', 'office', 'planner', 'inspector', 'village', 'admin'] as const;
/** What a hazard photo shows: before rectification (整改前), after it (整改后), or anything else (其他). */
export const PHOTO_KINDS = ['before', 'after', 'other'] as const;
/** Where a photo's full bytes are kept. */
export const PHOTO_STORAGES = ['disk', 'database'] as const;
export const FIX_KINDS = ['clear_obstacle', 'widen', 'new_link', 'turnaround'] as const;
export const FIX_STATUSES = ['plan', 'in_progress', 'done', 'accepted'] as const;

export type FireGrade = (typeof FIRE_GRADES)[number];
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export type BuildingUse = (typeof BUILDING_USES)[number];
export type NineSmallCategory = (typeof NINE_SMALL_CATEGORIES)[number];
export type Structure = (typeof STRUCTURES)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];
export type PassageClass = (typeof PASSAGE_CLASSES)[number];
export type Surface = (typeof SURFACES)[number];
export type ObstacleType = (typeof OBSTACLE_TYPES)[number];
export type ObstacleStatus = (typeof OBSTACLE_STATUSES)[number];
export type WaterKind = (typeof WATER_KINDS)[number];
export type WaterStatus = (typeof WATER_STATUSES)[number];
export type StationKind = (typeof STATION_KINDS)[number];
export type StackSize = (typeof STACK_SIZES)[number];
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];
export type PlaceType = (typeof PLACE_TYPES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type HazardEventAction = (typeof HAZARD_EVENT_ACTIONS)[number];
export type NotifyMethod = (typeof NOTIFY_METHODS)[number];
export type IncidentCause = (typeof INCIDENT_CAUSES)[number];
export type Role = (typeof ROLES)[number];
export type PhotoKind = (typeof PHOTO_KINDS)[number];
export type PhotoStorage = (typeof PHOTO_STORAGES)[number];
export type FixKind = (typeof FIX_KINDS)[number];
export type FixStatus = (typeof FIX_STATUSES)[number];
