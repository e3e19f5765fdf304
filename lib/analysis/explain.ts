import { dynamicMessage, type Locale, translator } from '../i18n';
import { ruleLabel, ruleValue as withUnit } from '../rules/rule-label';
import type { Rule } from '../rules/types';
import { shortfall } from './finding-list';
import type { FindingProperties } from './types';

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
  const description = rule ? (locale === 'en' ? rule.description_en : rule.description_zh) : ruleLabel(locale, finding.rule_id);
  return {
    title: dynamicMessage(locale, `analysis.kind.${finding.kind}`, finding.kind),
    rule: `${description}（${finding.clause}）`,
    threshold: withUnit(finding.threshold, finding.unit, locale),
    measured: finding.measured === null ? t('analysisPanel.unreachable') : withUnit(finding.measured, finding.unit, locale),
    shortfall: finding.measured === null ? null : withUnit(shortfall(finding), finding.unit, locale),
  };
}
