import { loadRules } from '../../db/queries/analysis/rules';
import type { LayerContext } from '../../db/queries/layers';
import type { Db } from '../../db/schema';
import { RuleBook } from '../rules/rulebook';
import { chinaToday } from '../time';

/**
 * What the map layers' legend fields are measured against: today in China (a hazard's overdue flag, the same
 * day as the hazard list's) and the rules table's passage clearances (a passage's narrow class, the same
 * thresholds as the passage analysis), so the map and the analyses never disagree.
 */
export async function layerContext(db: Db): Promise<LayerContext> {
  const book = new RuleBook(await loadRules(db));
  return {
    today: chinaToday(),
    passageMinWidthM: book.one('passage_width').threshold,
    passageMinHeightM: book.one('passage_height').threshold,
  };
}
