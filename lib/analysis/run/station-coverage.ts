import { loadBuildingAccess, loadPassageEdges, loadSourceAttachments, loadStations } from '../../../db/queries/analysis/network';
import { buildGraph } from '../../network/graph';
import { stringListParam } from '../../rules/rulebook';
import { ruleFields } from '../finding';
import { summarize } from '../summary';
import { fastestArrivals } from '../travel';
import type { AnalysisContext, AnalysisOutcome } from './context';
import { coverageFindings, type Uncovered, villageCounts } from './coverage-findings';

/**
 * 微型消防站 3分钟到场: buildings no micro station or volunteer team reaches within the time along the network
 * (every passage: motorbikes and people pass lanes and obstacles) at each station's own speed.
 */
export async function runStationCoverage(context: AnalysisContext): Promise<AnalysisOutcome> {
  const { db, book, options } = context;
  const rule = book.one('station_time');
  const accessM = options.hoseM ?? book.one('hose_distance').threshold;
  const graph = buildGraph(await loadPassageEdges(db));
  const [stations, buildings] = await Promise.all([
    loadStations(db, stringListParam(rule, 'station_kinds', ['micro_station', 'volunteer_team'])),
    loadBuildingAccess(db, graph, accessM, options.villages),
  ]);
  const attachments = await loadSourceAttachments(
    db,
    graph,
    'stations',
    stations.map((s) => s.id),
  );
  const sources = stations.flatMap((station) => {
    const at = attachments.get(station.id);
    return at ? [{ id: station.id, at, speedKmh: station.speedKmh }] : [];
  });
  const arrivals = fastestArrivals(graph, sources, buildings, () => true);
  const uncovered: Uncovered[] = buildings.flatMap((building) => {
    const arrival = arrivals.get(building.id);
    if (arrival && arrival.minutes <= rule.threshold) return [];
    return [
      {
        id: building.id,
        villageCode: building.villageCode,
        kind: arrival ? 'beyond_station_time' : 'no_station_access',
        measured: arrival?.minutes ?? null,
        extra: { station_id: arrival?.sourceId ?? null },
      },
    ];
  });
  const features = await coverageFindings(context, 'station-coverage', ruleFields(rule), uncovered, {
    network: ['beyond_station_time', 'no_station_access'],
  });
  return {
    features,
    summary: summarize(features, {
      byVillage: villageCounts(buildings, { uncovered }),
      totals: { stations: stations.length, buildings: buildings.length, uncovered: uncovered.length, access_m: accessM },
    }),
  };
}
