import { truckPassable } from '../../network/truck';
import { ruleFields } from '../finding';
import { summarize } from '../summary';
import { fastestArrivals } from '../travel';
import type { AnalysisContext, AnalysisOutcome } from './context';
import { coverageFindings, type Uncovered, villageCounts } from './coverage-findings';
import { loadTruckSetting } from './truck-setting';

/**
 * 到场时间: township brigade and county station by truck over passable segments at their speed, to the
 * point where the truck stops within hose distance of the building. Beyond the target (rule, or
 * `target_min`), or without truck access at all, is a finding.
 */
export async function runResponseTime(context: AnalysisContext): Promise<AnalysisOutcome> {
  const { book, options } = context;
  const rule = book.one('response_time');
  const target = options.targetMin ?? rule.threshold;
  const setting = await loadTruckSetting(context);
  const sources = setting.sources.map((s) => ({ id: s.station.id, at: s.at, speedKmh: s.station.speedKmh }));
  const arrivals = fastestArrivals(setting.graph, sources, setting.buildings, (edge) => truckPassable(edge, setting.limits));
  const uncovered: Uncovered[] = setting.buildings.flatMap((building) => {
    const arrival = arrivals.get(building.id);
    if (arrival && arrival.minutes <= target) return [];
    return [
      {
        id: building.id,
        villageCode: building.villageCode,
        kind: arrival ? 'beyond_target' : 'no_truck_access',
        measured: arrival?.minutes ?? null,
        extra: { station_id: arrival?.sourceId ?? null },
      },
    ];
  });
  const features = await coverageFindings(context, 'response-time', ruleFields(rule, target), uncovered, {
    network: ['beyond_target', 'no_truck_access'],
  });
  return {
    features,
    summary: summarize(features, {
      byVillage: villageCounts(setting.buildings, { uncovered }),
      totals: { target_min: target, hose_m: setting.hoseM, buildings: setting.buildings.length, uncovered: uncovered.length },
    }),
  };
}
