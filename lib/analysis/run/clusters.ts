import { assessCluster, chainClusters } from '../../../lib/analysis/clusters';
import { finding, parseGeometry, ruleFields } from '../../../lib/analysis/finding';
import { summarize } from '../../../lib/analysis/summary';
import type { Finding } from '../../../lib/analysis/types';
import type { AnalysisContext } from './context';
import { buildingFacts, closePairs, clusterOutlines } from './pairs';
import { spacingTable } from './spacing';

/**
 * 连片: buildings chained by gaps below the required spacing form a cluster; clusters whose footprint area
 * exceeds the limit for their grades are findings. Chains may cross village lines, so they are built over the
 * whole town and a cluster is reported when any of its buildings lies in a selected village.
 */
export async function runClusters({ db, book, options }: AnalysisContext) {
  const table = spacingTable(book, options.ruleset);
  const pairs = await closePairs(db, table);
  const clusters = chainClusters(pairs.map((p) => [p.a_id, p.b_id] as const));
  const facts = new Map((await buildingFacts(db, clusters.flat())).map((f) => [f.id, f]));
  const inScope = clusters
    .map((members) =>
      assessCluster(
        members.map((id) => facts.get(id)!),
        book,
      ),
    )
    .filter((c) => options.villages.length === 0 || c.villageCodes.some((v) => options.villages.includes(v)));
  const assessed = inScope.filter((c) => c.overLimit);
  const bufferM = Math.max(...table.pairs.map((rule) => rule.threshold)) / 2;
  const outlines = await clusterOutlines(
    db,
    assessed.map((c) => c.members),
    bufferM,
  );
  const features: Finding[] = assessed.map((cluster, i) =>
    finding('clusters', 'cluster', ruleFields(cluster.limit), parseGeometry(outlines[i]!), {
      measured: cluster.areaM2,
      village_code: cluster.villageCode,
      village_codes: cluster.villageCodes,
      building_count: cluster.members.length,
      building_ids: cluster.members,
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
