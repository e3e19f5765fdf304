import { finding, inVillages, parseGeometry, ruleFields } from '../../../lib/analysis/finding';
import { summarize } from '../../../lib/analysis/summary';
import type { Finding } from '../../../lib/analysis/types';
import type { RuleBook } from '../../../lib/rules/rulebook';
import type { SpacingRuleset } from '../../../lib/rules/types';
import type { AnalysisContext } from './context';
import { closePairs, type SpacingTable } from './pairs';

export function spacingTable(book: RuleBook, ruleset: SpacingRuleset): SpacingTable {
  return { pairs: book.spacingTable(ruleset), highRise: book.hasHighRise(ruleset) ? book.one('high_rise_height') : null };
}

/** 防火间距: building pairs closer than their two grades require; the finding is the shortest line between them. */
export async function runSpacing({ db, book, options }: AnalysisContext) {
  const table = spacingTable(book, options.ruleset);
  const rules = new Map(table.pairs.map((rule) => [rule.rule_id, rule]));
  const pairs = await closePairs(db, table, { villages: options.villages, withGeometry: true });
  const features: Finding[] = pairs.map((pair) =>
    finding('spacing', 'spacing_pair', ruleFields(rules.get(pair.rule_id)!), parseGeometry(pair.geometry!), {
      measured: pair.measured,
      // A pair straddling two villages counts for the selected one (the first building's when both are).
      village_code: inVillages(pair.a_village, options.villages) ? pair.a_village : pair.b_village,
      building_ids: [pair.a_id, pair.b_id],
      building_codes: [pair.a_code, pair.b_code],
      grades: [pair.a_class, pair.b_class],
      village_codes: [pair.a_village, pair.b_village],
    }),
  );
  return { features, summary: summarize(features, { totals: { ruleset: options.ruleset } }) };
}
