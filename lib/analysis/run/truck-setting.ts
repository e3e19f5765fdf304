import {
  loadBuildingAccess,
  loadPassageEdges,
  loadSourceAttachments,
  loadStations,
  type StationRow,
} from '../../../db/queries/analysis/network';
import type { Attachment } from '../../network/attachments';
import { buildGraph, type Graph } from '../../network/graph';
import type { TruckLimits } from '../../network/truck';
import { type RuleBook, stringListParam } from '../../rules/rulebook';
import type { BuildingAccess } from '../access';
import type { AnalysisContext } from './context';

/** The truck setting shared by reachability and response time: graph, limits, hose distance, sources on the truck graph. */
export interface TruckSetting {
  graph: Graph;
  limits: TruckLimits;
  hoseM: number;
  sources: { station: StationRow; at: Attachment }[];
  buildings: BuildingAccess[];
}

export function truckLimits(book: RuleBook): TruckLimits {
  return { minWidthM: book.one('passage_width').threshold, minHeightM: book.one('passage_height').threshold };
}

export async function loadTruckSetting({ db, book, options }: AnalysisContext): Promise<TruckSetting> {
  const limits = truckLimits(book);
  const hoseM = options.hoseM ?? book.one('hose_distance').threshold;
  const kinds = stringListParam(book.one('response_time'), 'station_kinds', ['township_brigade', 'county_station']);
  const graph = buildGraph(await loadPassageEdges(db));
  const stationsAt = async () => {
    const stations = await loadStations(db, kinds);
    const attachments = await loadSourceAttachments(
      db,
      graph,
      'stations',
      stations.map((s) => s.id),
      limits,
    );
    return stations.flatMap((station) => {
      const at = attachments.get(station.id);
      return at ? [{ station, at }] : [];
    });
  };
  const [sources, buildings] = await Promise.all([stationsAt(), loadBuildingAccess(db, graph, hoseM, options.villages)]);
  return { graph, limits, hoseM, sources, buildings };
}
