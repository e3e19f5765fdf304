import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { runAnalysis } from '../../lib/analysis/run';
import type { AnalysisName, AnalysisOptions, AnalysisResult, Finding } from '../../lib/analysis/types';

/** Runs an analysis for one village with defaults as the API would (rural rules, January). */
export async function analyse(
  db: Kysely<Database>,
  name: AnalysisName,
  village: string | null,
  options: Partial<AnalysisOptions> = {},
): Promise<AnalysisResult> {
  return runAnalysis(db, name, { villages: village ? [village] : [], ruleset: 'GB50039', month: 1, ...options });
}

export const ofKind = (result: AnalysisResult, kind: string): Finding[] => result.features.filter((f) => f.properties.kind === kind);

/** Problem findings, without the gap areas drawn around them. */
export const problems = (result: AnalysisResult): Finding[] => result.features.filter((f) => f.properties.kind !== 'gap_area');
