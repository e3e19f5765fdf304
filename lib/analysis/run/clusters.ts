import { buildingFacts, closePairs, clusterOutlines } from '../../../db/queries/analysis/pairs';
import { assessCluster, chainClusters } from '../clusters';
import { finding, parseGeometry, ruleFields } from '../finding';
import { largestSpacing, spacingTable } from '../spacing-table';
import { summarize } from '../summary';
import type { Finding } from '../types';
import type { AnalysisContext, AnalysisOutcome } from './context';
import { entryFor } from './lookup';

/**
 * 连片: buildings chained by gaps below the required spacing form a cluster; clusters whose footprint area
 * exceeds the limit for their grades are findings. Chains may cross village lines, so they are built over the
 * whole town and a cluster is reported when any of its buildings lies in a selected village.
 */
export async function runClusters({ db, book, options }: AnalysisContext): Promise<AnalysisOutcome> {
  const table = spacingTable(book, options.ruleset);
  const pairs = await closePairs(db, table);
  const clusters = chainClusters(pairs.map((p) => [p.a_id, p.b_id] as const));
  const facts = new Map((await buildingFacts(db, clusters.flat())).map((f) => [f.id, f]));
  const inScope = clusters
    .map((members) =>
      assessCluster(
        members.map((id) => entryFor(facts, id, 'building')),
        book,
      ),
    )
    .filter((c) => options.villages.length === 0 || c.villageCodes.some((v) => options.villages.includes(v)));
  const assessed = inScope.filter((c) => c.overLimit);
  const outlined = await clusterOutlines(db, assessed, largestSpacing(table) / 2);
  const features: Finding[] = outlined.map(([cluster, outline]) =>
    finding('clusters', 'cluster', ruleFields(cluster.limit), parseGeometry(outline), {
      measured: cluster.areaM2,
      village_code: cluster.villageCode,
      village_codes: cluster.villageCodes,
      building_count: cluster.members.length,
      building_ids: cluster.members,
      building_codes: cluster.members.map((id) => entryFor(facts, id, 'building').code),
      building_names: cluster.members.map((id) => entryFor(facts, id, 'building').name),
      total_area_m2: Math.round(cluster.areaM2 * 100) / 100,
      grade_mix: cluster.gradeMix,
      limit_m2: cluster.limit.threshold,
      break_width_m: cluster.breakWidthM,
    }),
  );
  return {
    features,
    summary: summarize(features, { totals: { ruleset: options.ruleset, clusters_total: inScope.length } }),
  };
}
