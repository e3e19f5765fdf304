import type { Db } from '../../db/schema';
import type { BaseLayer } from '../domain/base-fields';
import { clearCoverageCache } from '../screen/coverage';
import { invalidateTiles } from '../tiles/tile-cache';

/**
 * Forgets what was computed from the base layers once they change (an edit, an import, a rollback): the building
 * tiles (when buildings may have changed: `layer` unknown or buildings), and the wall screen's coverage figures.
 * The analyses and the planner's network read the data afresh.
 */
export function forgetDerived(db: Db, layer?: BaseLayer): void {
  if (layer === undefined || layer === 'buildings') invalidateTiles();
  clearCoverageCache(db);
}
