import { loadRules } from '../../../db/queries/analysis/rules';
import type { Db } from '../../../db/schema';
import { RuleBook } from '../../rules/rulebook';
import type { AnalysisName, AnalysisOptions, AnalysisResult } from '../types';
import { runClusters } from './clusters';
import type { AnalysisRunner } from './context';
import { runPassages } from './passages';
import { runReachability } from './reachability';
import { runResponseTime } from './response-time';
import { runSpacing } from './spacing';
import { runStacks } from './stacks';
import { runStationCoverage } from './station-coverage';
import { runWaterCoverage } from './water-coverage';

const RUNNERS: Record<AnalysisName, AnalysisRunner> = {
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
export async function runAnalysis(db: Db, name: AnalysisName, options: AnalysisOptions): Promise<AnalysisResult> {
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
