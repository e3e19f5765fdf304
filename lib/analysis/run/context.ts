import type { Kysely } from 'kysely';
import type { AnalysisOptions } from '../../../lib/analysis/types';
import type { RuleBook } from '../../../lib/rules/rulebook';
import type { Database } from '../../schema';

/** What every analysis gets: the database, the rules (recording which are used) and the request's options. */
export interface AnalysisContext {
  db: Kysely<Database>;
  book: RuleBook;
  options: AnalysisOptions;
}
