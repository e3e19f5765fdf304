import { UnionFind } from '../network/union-find';
import type { RuleBook } from '../rules/rulebook';
import type { Rule } from '../rules/types';

/**
 * Contiguous clusters (连片): buildings chained together by gaps below the required spacing. Pairs come
 * from the spacing query; the chaining is a union-find over them.
 */
export function chainClusters(pairs: readonly (readonly [number, number])[]): number[][] {
  const index = new Map<number, number>();
  const ids: number[] = [];
  const slot = (id: number) => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  const slots = pairs.map(([a, b]) => [slot(a), slot(b)] as const);
  const sets = new UnionFind(ids.length);
  for (const [a, b] of slots) sets.union(a, b);
  // A group is never empty: it starts with the element that opened it.
  const groups = new Map<number, [number, ...number[]]>();
  ids.forEach((id, i) => {
    const root = sets.find(i);
    const group = groups.get(root);
    if (group) group.push(id);
    else groups.set(root, [id]);
  });
  return [...groups.values()].map((group) => group.sort((x, y) => x - y)).sort((x, y) => x[0] - y[0]);
}

export interface ClusterMember {
  id: number;
  grade: string;
  villageCode: string;
  areaM2: number;
}

export interface ClusterAssessment {
  members: number[];
  areaM2: number;
  gradeMix: Record<string, number>;
  /** The village most members lie in (ties: lowest code); `villageCodes` lists all. */
  villageCode: string;
  villageCodes: string[];
  /** The strictest area limit among the grades present: a cluster is as weak as its weakest buildings. */
  limit: Rule;
  breakWidthM: number | null;
  overLimit: boolean;
}

export function assessCluster(members: readonly ClusterMember[], book: RuleBook): ClusterAssessment {
  const gradeMix: Record<string, number> = {};
  const villages = new Map<string, number>();
  let areaM2 = 0;
  for (const member of members) {
    gradeMix[member.grade] = (gradeMix[member.grade] ?? 0) + 1;
    villages.set(member.villageCode, (villages.get(member.villageCode) ?? 0) + 1);
    areaM2 += member.areaM2;
  }
  const limit = Object.keys(gradeMix)
    .map((grade) => book.clusterArea(grade))
    .reduce((strictest, rule) => (rule.threshold < strictest.threshold ? rule : strictest));
  const villageCodes = [...villages.keys()].sort();
  let villageCode = '';
  let most = 0;
  for (const code of villageCodes) {
    const count = villages.get(code) ?? 0;
    if (count > most) [villageCode, most] = [code, count];
  }
  const breakWidth = limit.params.break_m;
  return {
    members: members.map((m) => m.id).sort((a, b) => a - b),
    areaM2,
    gradeMix,
    villageCode,
    villageCodes,
    limit,
    breakWidthM: typeof breakWidth === 'number' ? breakWidth : null,
    overLimit: areaM2 > limit.threshold,
  };
}
