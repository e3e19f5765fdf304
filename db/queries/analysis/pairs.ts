import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../schema';
import { expectRows, unionGridSize } from './geometry';

/** The spacing two classes of building must keep, from one rule of the spacing table. */
export interface SpacingRequirement {
  /** An unordered pair of classes (fire grades, maybe `high_rise`); both the same for a grade with itself. */
  classes: readonly [string, string];
  thresholdM: number;
  ruleId: string;
}

/** Heights above which a building counts as high-rise: residential, and every other use. */
export interface HighRiseHeights {
  residentialM: number;
  otherUseM: number;
}

export interface SpacingTable {
  /** One requirement per unordered pair of classes. */
  pairs: readonly SpacingRequirement[];
  /** When the table distinguishes high-rise buildings: the heights that make one. */
  highRise: HighRiseHeights | null;
}

export interface ClosePair {
  a_id: number;
  b_id: number;
  a_code: string;
  b_code: string;
  a_name: string | null;
  b_name: string | null;
  a_class: string;
  b_class: string;
  a_village: string;
  b_village: string;
  rule_id: string;
  threshold: number;
  measured: number;
  /** ST_ShortestLine between the footprints (computed in metres, returned in lon/lat), when asked for. */
  geometry: string | null;
}

/** A close pair with the shortest line between the footprints (`withGeometry`). */
export type ClosePairLine = ClosePair & { geometry: string };

export interface PairFilter {
  villages?: readonly string[];
  /** Only pairs among these buildings (the benchmark's sample). */
  ids?: readonly number[];
  withGeometry?: boolean;
}

/** The spacing class of building `alias`: its grade, or high-rise over the height limit when the table has one. */
function spacingClass(alias: string, highRise: HighRiseHeights | null): RawBuilder<string> {
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  if (!highRise) return sql<string>`${ref('fire_grade')}`;
  return sql<string>`CASE WHEN ${ref('height_m')} > CASE WHEN ${ref('use')} = 'residential'
      THEN ${highRise.residentialM}::float8 ELSE ${highRise.otherUseM}::float8 END
    THEN 'high_rise' ELSE ${ref('fire_grade')} END`;
}

/**
 * Building pairs closer than the spacing their two classes require. The index does the neighbour search:
 * bounding boxes on `geom_metric` (EPSG:4546, stored with its GiST index) expanded by the largest required
 * spacing, then the exact distance in metres is compared with the pair's own requirement. `OFFSET 0` keeps
 * each transform a single evaluation per row.
 */
export function closePairs(db: Db, table: SpacingTable, filter: PairFilter & { withGeometry: true }): Promise<ClosePairLine[]>;
export function closePairs(db: Db, table: SpacingTable, filter?: PairFilter): Promise<ClosePair[]>;
export async function closePairs(db: Db, table: SpacingTable, filter: PairFilter = {}): Promise<ClosePair[]> {
  const required = table.pairs.flatMap(({ classes: [x, y], thresholdM, ruleId }) => {
    const row = (a: string, b: string) => sql`(${a}, ${b}, ${thresholdM}::float8, ${ruleId})`;
    return x === y ? [row(x, y)] : [row(x, y), row(y, x)];
  });
  const maxM = Math.max(...table.pairs.map((pair) => pair.thresholdM));
  const villages = filter.villages?.length ? [...filter.villages] : null;
  const ids = filter.ids ? [...filter.ids] : null;
  const geometry = filter.withGeometry ? sql`ST_AsGeoJSON(ST_Transform(ST_ShortestLine(am.m, b.m), 4326), 7)` : sql`NULL::text`;
  const result = await sql<ClosePair>`
    WITH required(class_a, class_b, threshold, rule_id) AS (VALUES ${sql.join(required)})
    SELECT a.id AS a_id, b.id AS b_id, a.code AS a_code, b.code AS b_code, a.name AS a_name, b.name AS b_name, c.a_class, c.b_class,
      a.village_code AS a_village, b.village_code AS b_village, r.rule_id, r.threshold, d.measured,
      ${geometry} AS geometry
    FROM buildings a
    CROSS JOIN LATERAL (SELECT a.geom_metric AS m OFFSET 0) am
    JOIN LATERAL (
      SELECT b.*, b.geom_metric AS m FROM buildings b
      WHERE b.id > a.id AND b.geom_metric && ST_Expand(am.m, ${maxM}::float8) OFFSET 0
    ) b ON true
    CROSS JOIN LATERAL (SELECT ${spacingClass('a', table.highRise)} AS a_class, ${spacingClass('b', table.highRise)} AS b_class) c
    JOIN required r ON r.class_a = c.a_class AND r.class_b = c.b_class
    CROSS JOIN LATERAL (SELECT ST_Distance(am.m, b.m) AS measured) d
    WHERE d.measured < r.threshold
      AND (${villages}::text[] IS NULL OR a.village_code = ANY(${villages}::text[]) OR b.village_code = ANY(${villages}::text[]))
      AND (${ids}::int[] IS NULL OR (a.id = ANY(${ids}::int[]) AND b.id = ANY(${ids}::int[])))
    ORDER BY a.id, b.id`.execute(db);
  return result.rows;
}

export interface BuildingFacts {
  id: number;
  code: string;
  name: string | null;
  grade: string;
  villageCode: string;
  areaM2: number;
}

/** Code, name, grade, village and footprint area (m², EPSG:4546) of the given buildings. */
export async function buildingFacts(db: Db, ids: readonly number[]): Promise<BuildingFacts[]> {
  if (ids.length === 0) return [];
  const result = await sql<{ id: number; code: string; name: string | null; fire_grade: string; village_code: string; area_m2: number }>`
    SELECT id, code, name, fire_grade, village_code, ST_Area(geom_metric) AS area_m2
    FROM buildings WHERE id = ANY(${[...ids]}::int[]) ORDER BY id`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    grade: r.fire_grade,
    villageCode: r.village_code,
    areaM2: r.area_m2,
  }));
}

/**
 * Outline of each cluster: the union of its footprints buffered by `bufferM` (half the largest required
 * spacing), so that buildings chained by a gap below the spacing merge into one shape; each cluster comes
 * back paired with its outline (GeoJSON). The unions are the costly part: they run in two concurrent halves
 * (balanced by building count) on a server; the embedded engine queues them.
 */
export async function clusterOutlines<C extends { members: readonly number[] }>(
  db: Db,
  clusters: readonly C[],
  bufferM: number,
): Promise<[C, string][]> {
  const halves: [Placed[], Placed[]] = [[], []];
  const sizes: [number, number] = [0, 0];
  const bySize = clusters.map(({ members }, index) => ({ members, index })).sort((x, y) => y.members.length - x.members.length);
  for (const placed of bySize) {
    const half = sizes[0] <= sizes[1] ? 0 : 1;
    halves[half].push(placed);
    sizes[half] += placed.members.length;
  }
  const outlines = new Map((await Promise.all(halves.map((half) => unionOutlines(db, half, bufferM)))).flat());
  return clusters.map((cluster, index) => {
    const outline = outlines.get(index);
    if (outline === undefined) throw new Error(`cluster outlines: none for cluster ${index}`);
    return [cluster, outline];
  });
}

/** A cluster with its position in the caller's list. */
interface Placed {
  members: readonly number[];
  index: number;
}

/** The outlines of some clusters, as [position in the caller's list, GeoJSON]. */
async function unionOutlines(db: Db, clusters: readonly Placed[], bufferM: number): Promise<[number, string][]> {
  if (clusters.length === 0) return [];
  const clusterOf = clusters.flatMap(({ members }, c) => members.map(() => c));
  const ids = clusters.flatMap(({ members }) => members);
  const grid = await unionGridSize(db);
  const result = await sql<{ cluster: number; geometry: string }>`
    SELECT m.cluster, ST_AsGeoJSON(ST_Transform(
        ST_Union(ST_Buffer(b.geom_metric, ${bufferM}::float8, 'join=mitre'), ${grid}::float8), 4326), 7) AS geometry
    FROM unnest(${ids}::int[], ${clusterOf}::int[]) AS m(id, cluster)
    JOIN buildings b ON b.id = m.id
    GROUP BY m.cluster ORDER BY m.cluster`.execute(db);
  expectRows('cluster outlines', result.rows.length, clusters.length);
  return result.rows.map((row) => [clusters[row.cluster]?.index ?? -1, row.geometry]);
}
