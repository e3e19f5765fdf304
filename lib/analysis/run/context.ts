import type { Db } from '../../../db/schema';
import type { RuleBook } from '../../rules/rulebook';
import type { AnalysisOptions, AnalysisSummary, Finding } from '../types';

/** What every analysis gets: the database, the rules (recording which are used) and the request's options. */
export interface AnalysisContext {
  db: Db;
  book: RuleBook;
  options: AnalysisOptions;
}

/** What an analysis answers before the common envelope (name, parameters, rules) is put around it. */
export interface AnalysisOutcome {
  features: Finding[];
  summary: AnalysisSummary;
}

export type AnalysisRunner = (context: AnalysisContext) => Promise<AnalysisOutcome>;
