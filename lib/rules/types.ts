/**
 * Rules the spatial analyses rest on (DOMAIN.md "Rules the spatial checks rest on"): one row of the
 * `rules` table each. Analyses never hard-code a threshold; they read it from a RuleBook built from these.
 */
export const RULESETS = ['GB50039', 'GB50016', 'GB55037', 'GB50974', 'campaign'] as const;
export type Ruleset = (typeof RULESETS)[number];

/** Spacing tables an analysis can be run against: rural (default) or the national table. */
export const SPACING_RULESETS = ['GB50039', 'GB50016'] as const;
export type SpacingRuleset = (typeof SPACING_RULESETS)[number];
export const DEFAULT_SPACING_RULESET: SpacingRuleset = 'GB50039';

export const RULE_UNITS = ['m', 'min', 'm2', 'm3', 'count'] as const;
export type RuleUnit = (typeof RULE_UNITS)[number];

export type RuleKind =
  | 'building_spacing'
  | 'high_rise_height'
  | 'cluster_area'
  | 'stack_distance'
  | 'stack_on_passage'
  | 'hazardous_site_distance'
  | 'passage_width'
  | 'passage_height'
  | 'passage_obstacle'
  | 'dead_end_length'
  | 'turnaround_size'
  | 'hose_distance'
  | 'water_radius'
  | 'tank_volume'
  | 'station_time'
  | 'response_time';

export interface Rule {
  rule_id: string;
  ruleset: Ruleset;
  kind: RuleKind;
  clause: string;
  description_zh: string;
  description_en: string;
  threshold: number;
  unit: RuleUnit;
  /** Keys that pick the row (grades, stack size) and secondary numbers (break width, station kinds). */
  params: Record<string, unknown>;
}

/** A building's class in a spacing table: its fire-resistance grade, or high-rise where the table has one. */
export type SpacingClass = '1-2' | '3' | '4' | 'high_rise';
