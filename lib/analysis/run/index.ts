import type { Kysely } from 'kysely';
import type { AnalysisName, AnalysisOptions, AnalysisResult, AnalysisSummary, Finding } from '../../../lib/analysis/types';
import { RuleBook } from '../../../lib/rules/rulebook';
import type { Database } from '../../schema';
import { runClusters } from './clusters';
import type { AnalysisContext } from './context';
import { runPassages } from './passages';
import { runReachability } from './reachability';
import { runResponseTime } from './response-time';
import { loadRules } from './rules';
import { runSpacing } from './spacing';
import { runStacks } from './stacks';
import { runStationCoverage } from './station-coverage';
import { runWaterCoverage } from './water-coverage';

type Runner = (context: AnalysisContext) => Promise<{ features: Finding[]; summary: AnalysisSummary }>;

const RUNNERS: Record<AnalysisName, Runner> = {
  spacing: runSpacing,
  clusters: runClusters,
  stacks: runStacks,
  passages: runPassages,
  reachability: runReachability,
  'water-coverage': runWaterCoverage,
  'station-coverage': runStationCoverage,
  'response-time': runResponseTime,
};

/** Runs one analysis: its findings as a FeatureCollection, a summary, and the rules the findings rest on. */
export async function runAnalysis(db: Kysely<Database>, name: AnalysisName, options: AnalysisOptions): Promise<AnalysisResult> {
  const book = new RuleBook(await loadRules(db));
  const { features, summary } = await RUNNERS[name]({ db, book, options });
  return {
    type: 'FeatureCollection',
    analysis: name,
    parameters: {
      villages: options.villages,
      ruleset: options.ruleset,
      month: options.month,
      target_min: options.targetMin ?? null,
      hose_m: options.hoseM ?? null,
    },
    features,
    summary,
    rules: book.used(),
  };
}
