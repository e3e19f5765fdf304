import type { Rule, RuleUnit, SpacingRuleset } from '../rules/types';

export const ANALYSIS_NAMES = [
  'spacing',
  'clusters',
  'stacks',
  'passages',
  'reachability',
  'water-coverage',
  'station-coverage',
  'response-time',
] as const;
export type AnalysisName = (typeof ANALYSIS_NAMES)[number];

export function isAnalysisName(value: string): value is AnalysisName {
  return (ANALYSIS_NAMES as readonly string[]).includes(value);
}

export interface AnalysisOptions {
  /** Village codes whose findings are wanted; empty = the whole town. The network is always the whole town's. */
  villages: string[];
  /** Spacing table for spacing and clusters. */
  ruleset: SpacingRuleset;
  /** Month 1–12 for water coverage: seasonal sources that are dry that month drop out. */
  month: number;
  /** Response-time target in minutes, overriding the rule table. */
  targetMin?: number;
  /** Hose distance in metres (truck stop → building), overriding the rule table. */
  hoseM?: number;
}

/** What every finding says about its rule: which one, the clause, the threshold in its unit. */
export interface RuleFields {
  rule_id: string;
  clause: string;
  threshold: number;
  unit: RuleUnit;
  threshold_m?: number;
  threshold_min?: number;
  threshold_m2?: number;
  threshold_m3?: number;
  threshold_count?: number;
}

export interface FindingProperties extends RuleFields {
  analysis: AnalysisName;
  /** What was found, e.g. `spacing_pair`, `dead_end`, `gap_area` (i18n key `analysis.kind.<kind>`). */
  kind: string;
  /** The measured value in the rule's unit (metres, minutes, m², count); null when there is nothing to measure (unreachable). */
  measured: number | null;
  /** Village the finding belongs to; null for town roads outside every village. */
  village_code: string | null;
  [key: string]: unknown;
}

export interface Finding {
  type: 'Feature';
  geometry: GeoJSON.Geometry;
  properties: FindingProperties;
}

export interface KindCounts {
  total: number;
  by_kind: Record<string, number>;
}

export interface AnalysisSummary extends KindCounts {
  /** Per village code (`none` for features outside every village). */
  by_village: Record<string, KindCounts & Record<string, number | Record<string, number>>>;
  [key: string]: unknown;
}

export interface AnalysisResult {
  type: 'FeatureCollection';
  analysis: AnalysisName;
  parameters: Record<string, unknown>;
  features: Finding[];
  summary: AnalysisSummary;
  rules: Rule[];
}
