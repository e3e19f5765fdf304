/**
 * The truck setting of the analyses, by the path the planner's scenario figures import it from. It is
 * orchestration (graph, stations, buildings), so it lives in lib/analysis/run/truck-setting.ts.
 */
export { loadTruckSetting } from '../../../lib/analysis/run/truck-setting';
