import type { Rule } from '../rules/types';
import type { AnalysisName, Finding, FindingProperties, RuleFields } from './types';

const THRESHOLD_KEY = { m: 'threshold_m', min: 'threshold_min', m2: 'threshold_m2', m3: 'threshold_m3', count: 'threshold_count' } as const;

/** The rule columns of a finding; `threshold` overrides the table value (a query parameter, or a per-passage width). */
export function ruleFields(rule: Rule, threshold: number = rule.threshold): RuleFields {
  return { rule_id: rule.rule_id, clause: rule.clause, threshold, unit: rule.unit, [THRESHOLD_KEY[rule.unit]]: threshold };
}

/** Centimetre precision for metres, 1/100 for minutes and areas: enough for a report, stable across engines. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

export function finding(
  analysis: AnalysisName,
  kind: string,
  rule: RuleFields,
  geometry: GeoJSON.Geometry,
  properties: { measured: number | null; village_code: string | null } & Record<string, unknown>,
): Finding {
  const measured = properties.measured === null ? null : round2(properties.measured);
  const all: FindingProperties = { analysis, kind, ...rule, ...properties, measured };
  return { type: 'Feature', geometry, properties: all };
}

/** A stored geometry as GeoJSON; the database gives it as text (ST_AsGeoJSON). */
export function parseGeometry(text: string): GeoJSON.Geometry {
  return JSON.parse(text) as GeoJSON.Geometry;
}

export function inVillages(villageCode: string | null, villages: readonly string[]): boolean {
  return villages.length === 0 || (villageCode !== null && villages.includes(villageCode));
}
