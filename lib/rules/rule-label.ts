import { dynamicMessage, type Locale, type MessageKey, translator } from '../i18n';

const UNIT_KEYS: Record<string, MessageKey> = { m: 'unit.m', min: 'unit.min', m2: 'unit.m2', m3: 'unit.m3', count: 'unit.count' };

/**
 * A rule's short name in the UI language (rule.<id> messages), never its id: a rule the office added without a
 * name shows as "analysis rule", and its description and clause say the rest.
 */
export function ruleLabel(locale: Locale, ruleId: string): string {
  return dynamicMessage(locale, `rule.${ruleId}`, translator(locale)('rule.unknown'));
}

/** A rule's threshold or a measured value with the rule's unit in words (5,000 平方米, 3 分钟). */
export function ruleValue(value: number, unit: string, locale: Locale): string {
  const key = UNIT_KEYS[unit];
  const number = value.toLocaleString(locale, { maximumFractionDigits: 2 });
  return key ? `${number} ${translator(locale)(key)}`.trim() : number;
}

/** A rule as a finding or a hazard cites it: its name, then the clause it rests on. */
export function ruleCitation(locale: Locale, ruleId: string, clause: string | null | undefined): string {
  const name = ruleLabel(locale, ruleId);
  return clause ? `${name}（${clause}）` : name;
}
