import { dynamicMessage, type Locale, type MessageKey, translator } from '../i18n';
import type { Rule } from '../rules/types';
import { shortfall } from './finding-list';
import type { FindingProperties } from './types';

const UNIT_KEYS: Record<string, MessageKey> = { m: 'unit.m', min: 'unit.min', m2: 'unit.m2', m3: 'unit.m3', count: 'unit.count' };

function withUnit(value: number, unit: string, locale: Locale): string {
  const t = translator(locale);
  const key = UNIT_KEYS[unit];
  const number = value.toLocaleString(locale, { maximumFractionDigits: 2 });
  return key ? `${number} ${t(key)}`.trim() : number;
}

export interface FindingExplanation {
  title: string;
  rule: string;
  threshold: string;
  measured: string;
  /** How far past the rule (see `shortfall`); null when nothing was measured. */
  shortfall: string | null;
}

/**
 * Why a finding was flagged, in the UI language: what was found, the rule and clause it breaks, the
 * threshold and the measured value.
 */
export function explainFinding(finding: FindingProperties, rules: readonly Rule[], locale: Locale): FindingExplanation {
  const t = translator(locale);
  const rule = rules.find((r) => r.rule_id === finding.rule_id);
  const description = rule ? (locale === 'en' ? rule.description_en : rule.description_zh) : finding.rule_id;
  return {
    title: dynamicMessage(locale, `analysis.kind.${finding.kind}`, finding.kind),
    rule: `${description}（${finding.clause}）`,
    threshold: withUnit(finding.threshold, finding.unit, locale),
    measured: finding.measured === null ? t('analysisPanel.unreachable') : withUnit(finding.measured, finding.unit, locale),
    shortfall: finding.measured === null ? null : withUnit(shortfall(finding), finding.unit, locale),
  };
}
