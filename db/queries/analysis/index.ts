/**
 * The analyses' entry point, by the path the wall-screen figures import it from. Running an analysis is
 * orchestration, so it lives in lib/analysis/run.
 */
export { runAnalysis } from '../../../lib/analysis/run';
