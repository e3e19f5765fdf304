import type { SpacingRequirement, SpacingTable } from '../../db/queries/analysis/pairs';
import { MissingRuleError, numberParam, type RuleBook } from '../rules/rulebook';
import type { Rule, SpacingRuleset } from '../rules/types';

/** A spacing rule names the two classes it is between (the same class twice for a class with itself). */
function requirement(rule: Rule): SpacingRequirement {
  const [x, y, ...more] = Array.isArray(rule.params.grades) ? rule.params.grades.map(String) : [];
  if (x === undefined || y === undefined || more.length > 0) throw new MissingRuleError(`the two grades of spacing rule ${rule.rule_id}`);
  return { classes: [x, y], thresholdM: rule.threshold, ruleId: rule.rule_id };
}

/** The spacing table of a rule set as the spacing query takes it; the high-rise heights when the set has them. */
export function spacingTable(book: RuleBook, ruleset: SpacingRuleset): SpacingTable {
  const highRise = book.hasHighRise(ruleset) ? book.one('high_rise_height') : null;
  return {
    pairs: book.spacingTable(ruleset).map(requirement),
    highRise: highRise && { residentialM: highRise.threshold, otherUseM: numberParam(highRise, 'other_use_m', 24) },
  };
}

/** The largest spacing of a table: how far apart two buildings can be and still be too close. */
export function largestSpacing(table: SpacingTable): number {
  return Math.max(...table.pairs.map((pair) => pair.thresholdM));
}
