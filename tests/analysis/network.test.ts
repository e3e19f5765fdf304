import { describe, expect, it } from 'vitest';
import { distanceToBuilding } from '../../lib/analysis/access';
import { assessCluster, chainClusters } from '../../lib/analysis/clusters';
import { findDeadEnds } from '../../lib/analysis/dead-ends';
import { analyseReachability } from '../../lib/analysis/reachability';
import { fastestArrivals } from '../../lib/analysis/travel';
import { sourceStarts } from '../../lib/network/attachments';
import { shortestDistances } from '../../lib/network/dijkstra';
import { buildGraph, type PassageEdgeInput, type Point } from '../../lib/network/graph';
import { RuleBook } from '../../lib/rules/rulebook';
import type { Rule } from '../../lib/rules/types';

/** A passage between two points given in "lon/lat" (any exact numbers: identity is what matters here). */
function passage(id: number, start: Point, end: Point, lengthM: number, extra: Partial<PassageEdgeInput> = {}): PassageEdgeInput {
  return {
    id,
    code: `P${id}`,
    villageCode: 'v',
    start,
    end,
    lengthM,
    widthM: 6,
    heightM: null,
    openObstacles: 0,
    hasTurnaround: false,
    ...extra,
  };
}

describe('passage graph', () => {
  it('joins passages at bit-identical end points only', () => {
    const graph = buildGraph([
      passage(1, [112.1, 37.3], [112.2, 37.3], 100),
      passage(2, [112.2, 37.3], [112.3, 37.3], 100),
      passage(3, [112.2 + 1e-12, 37.3], [112.2, 37.4], 100), // 1e-12° off: not the same node
    ]);
    expect(graph.nodes).toHaveLength(5);
    expect(graph.edges[0]!.b).toBe(graph.edges[1]!.a);
    expect(graph.edges[2]!.a).not.toBe(graph.edges[0]!.b);
  });

  it('finds shortest distances from several sources, over usable edges, within a limit', () => {
    // a —100— b —100— c, and a —250— c (a detour). Source at a with a 10 m leg.
    const graph = buildGraph([
      passage(1, [0, 0], [1, 0], 100),
      passage(2, [1, 0], [2, 0], 100, { openObstacles: 1 }),
      passage(3, [0, 0], [2, 0], 250),
    ]);
    const [a, b, c] = [graph.edges[0]!.a, graph.edges[0]!.b, graph.edges[1]!.b];
    expect(Array.from(shortestDistances(graph, [{ node: a, distance: 10 }]))).toEqual([10, 110, 210]);
    const noObstacles = shortestDistances(graph, [{ node: a, distance: 10 }], (edge) => edge.openObstacles === 0);
    expect([noObstacles[b], noObstacles[c]]).toEqual([110, 260]); // around by the detour
    const limited = shortestDistances(graph, [{ node: a, distance: 10 }], () => true, 150);
    expect([limited[b], limited[c]]).toEqual([110, Infinity]);
    const twoSources = shortestDistances(graph, [
      { node: a, distance: 10 },
      { node: c, distance: 0 },
    ]);
    expect(twoSources[b]).toBe(100);
  });

  it('measures along an edge from a source on the same edge, not only through its ends', () => {
    // One 200 m lane; a hydrant 10 m off it at 40 %, a building 20 m off it at 60 %: 10 + 40 + 20 = 70 m.
    const graph = buildGraph([passage(1, [0, 0], [1, 0], 200)]);
    const source = { edge: 0, legM: 10, fraction: 0.4 };
    const nodes = shortestDistances(graph, sourceStarts(graph, source));
    expect(Array.from(nodes)).toEqual([90, 130]);
    const building = { id: 1, villageCode: 'v', attachments: [{ edge: 0, legM: 20, fraction: 0.6 }] };
    // Through an end only: 90 + 0.6 × 200 (or 130 + 0.4 × 200) = 210, + 20 = 230: a detour via the node and back.
    expect(distanceToBuilding(graph, nodes, building, () => true, true)).toBe(230);
    expect(distanceToBuilding(graph, nodes, building, () => true, true, new Map([[0, [source]]]))).toBe(70);
  });

  it('times arrivals per source at its own speed and keeps the fastest', () => {
    const graph = buildGraph([passage(1, [0, 0], [1, 0], 600)]);
    const building = { id: 7, villageCode: 'v', attachments: [{ edge: 0, legM: 5, fraction: 0.5 }] };
    const arrivals = fastestArrivals(
      graph,
      [
        { id: 1, at: { edge: 0, legM: 0, fraction: 0 }, speedKmh: 6 }, // 300 m at 100 m/min → 3 min
        { id: 2, at: { edge: 0, legM: 0, fraction: 1 }, speedKmh: 12 }, // 300 m at 200 m/min → 1.5 min
      ],
      [building],
      () => true,
    );
    expect(arrivals.get(7)).toEqual({ minutes: 1.5, sourceId: 2 });
  });
});

describe('dead ends', () => {
  it('walks back through nodes where only two passages meet, reports an isolated lane once, ignores loops', () => {
    const graph = buildGraph([
      // junction J (0,0) with three roads; one continues through a degree-2 node to a dead end.
      passage(1, [0, 0], [1, 0], 30),
      passage(2, [1, 0], [2, 0], 25, { hasTurnaround: true }), // the dead end's own passage
      passage(3, [0, 0], [0, 1], 50),
      passage(4, [0, 0], [-1, 0], 45),
      passage(5, [0, 1], [-1, 0], 70), // closes a loop 3–5–4: not dead ends
      passage(6, [5, 5], [6, 5], 20), // an isolated lane: two free ends, one dead end
    ]);
    const deadEnds = findDeadEnds(graph).map((d) => ({
      ids: d.edges.map((e) => graph.edges[e]!.id),
      length: d.lengthM,
      turnaround: d.hasTurnaround,
    }));
    expect(deadEnds).toEqual([
      { ids: [2, 1], length: 55, turnaround: true },
      { ids: [6], length: 20, turnaround: false },
    ]);
  });
});

describe('truck reachability', () => {
  it('counts for each impassable segment the buildings clearing it alone would give access to', () => {
    // s —ok— x —obstacle— y —ok— z ; x —narrow— w. Source at s.
    const graph = buildGraph([
      passage(1, [0, 0], [1, 0], 100),
      passage(2, [1, 0], [2, 0], 100, { openObstacles: 2 }),
      passage(3, [2, 0], [3, 0], 100),
      passage(4, [1, 0], [1, 1], 100, { widthM: 3 }),
    ]);
    const at = (edge: number) => [{ edge, legM: 10, fraction: 0.5 }];
    const result = analyseReachability({
      graph,
      limits: { minWidthM: 4, minHeightM: 4 },
      sourceNodes: [graph.edges[0]!.a],
      buildings: [
        { id: 1, villageCode: 'v', attachments: at(0) }, // on the reachable road
        { id: 2, villageCode: 'v', attachments: at(2) }, // beyond the obstacle (on y–z)
        { id: 3, villageCode: 'v', attachments: at(1) }, // on the blocked segment itself
        { id: 4, villageCode: 'v', attachments: at(3) }, // on the narrow lane
        { id: 5, villageCode: 'v', attachments: [] }, // nothing within hose distance
      ],
    });
    expect(result.unreachable.map((b) => [b.id, b.reason])).toEqual([
      [2, 'cut_off'],
      [3, 'cut_off'],
      [4, 'cut_off'],
      [5, 'beyond_hose'],
    ]);
    expect(result.blocked.map((s) => [graph.edges[s.edge]!.id, s.reasons, s.cutOff])).toEqual([
      [2, ['obstacle'], [2, 3]],
      [4, ['narrow'], [4]],
    ]);
  });
});

const rule = (
  rule_id: string,
  kind: Rule['kind'],
  threshold: number,
  params: Record<string, unknown>,
  ruleset: Rule['ruleset'] = 'GB50039',
): Rule => ({
  rule_id,
  ruleset,
  kind,
  clause: 'c',
  description_zh: '',
  description_en: '',
  threshold,
  unit: 'm',
  params,
});

describe('rule book and clusters', () => {
  const book = () =>
    new RuleBook([
      rule('s12', 'building_spacing', 4, { grades: ['1-2', '1-2'] }),
      rule('s34', 'building_spacing', 7, { grades: ['3', '4'] }),
      rule('c12', 'cluster_area', 5000, { grades: ['1-2'], break_m: 6 }),
      rule('c34', 'cluster_area', 3000, { grades: ['3', '4'], break_m: 10 }),
    ]);

  it('looks spacing up by unordered pair and lists only the rules used', () => {
    const rules = book();
    expect(rules.spacing('GB50039', '4', '3').rule_id).toBe('s34');
    expect(() => rules.spacing('GB50016', '3', '4')).toThrow(/no rule .* GB50016/);
    expect(rules.used().map((r) => r.rule_id)).toEqual(['s34']);
  });

  it('chains pairs into clusters and applies the strictest limit among the grades present', () => {
    expect(
      chainClusters([
        [5, 3],
        [3, 9],
        [20, 21],
      ]),
    ).toEqual([
      [3, 5, 9],
      [20, 21],
    ]);
    const mixed = assessCluster(
      [
        { id: 1, grade: '1-2', villageCode: 'a', areaM2: 1600 },
        { id: 2, grade: '1-2', villageCode: 'b', areaM2: 1600 },
        { id: 3, grade: '4', villageCode: 'b', areaM2: 100 },
      ],
      book(),
    );
    expect(mixed).toMatchObject({
      areaM2: 3300,
      overLimit: true,
      villageCode: 'b',
      villageCodes: ['a', 'b'],
      breakWidthM: 10,
      gradeMix: { '1-2': 2, '4': 1 },
    });
    expect(mixed.limit.rule_id).toBe('c34');
  });
});
