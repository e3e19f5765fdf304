import { closePairs } from '../../../db/queries/analysis/pairs';
import { finding, inVillages, parseGeometry, ruleFields } from '../finding';
import { spacingTable } from '../spacing-table';
import { summarize } from '../summary';
import type { Finding } from '../types';
import type { AnalysisContext, AnalysisOutcome } from './context';
import { entryFor } from './lookup';

/** 防火间距: building pairs closer than their two grades require; the finding is the shortest line between them. */
export async function runSpacing({ db, book, options }: AnalysisContext): Promise<AnalysisOutcome> {
  const table = spacingTable(book, options.ruleset);
  const rules = new Map(book.spacingTable(options.ruleset).map((rule) => [rule.rule_id, rule]));
  const pairs = await closePairs(db, table, { villages: options.villages, withGeometry: true });
  const features: Finding[] = pairs.map((pair) =>
    finding('spacing', 'spacing_pair', ruleFields(entryFor(rules, pair.rule_id, 'spacing rule')), parseGeometry(pair.geometry), {
      measured: pair.measured,
      // A pair straddling two villages counts for the selected one (the first building's when both are).
      village_code: inVillages(pair.a_village, options.villages) ? pair.a_village : pair.b_village,
      building_ids: [pair.a_id, pair.b_id],
      building_codes: [pair.a_code, pair.b_code],
      building_names: [pair.a_name, pair.b_name],
      grades: [pair.a_class, pair.b_class],
      village_codes: [pair.a_village, pair.b_village],
    }),
  );
  return { features, summary: summarize(features, { totals: { ruleset: options.ruleset } }) };
}
