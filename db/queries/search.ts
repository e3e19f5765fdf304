import { sql } from 'kysely';
import type { LayerName } from '../../lib/map/layer-names';
import type { Db } from '../schema';
import { containsPattern } from './text-match';

export interface SearchHit {
  layer: LayerName;
  id: string;
  label: string;
  /** What matched besides the name, e.g. the responsible person, and the village. */
  detail: string | null;
  village: string | null;
  /** [lon, lat] to fly to. */
  center: [number, number];
}

/**
 * Villages, buildings, social units, stations and water sources whose name, code or responsible person
 * contains the text; villages first, then by name.
 */
export async function searchFeatures(db: Db, text: string, villages: string[], limit = 20): Promise<SearchHit[]> {
  const pattern = containsPattern(text);
  const inVillages = villages.length === 0 ? sql`true` : sql`h.village_code = ANY(${villages}::text[])`;
  const result = await sql<{
    layer: LayerName;
    id: string;
    label: string;
    detail: string | null;
    village: string | null;
    lon: number;
    lat: number;
    rank: number;
  }>`
    SELECT h.layer, h.id, h.label, h.detail, v.name AS village, ST_X(h.point) AS lon, ST_Y(h.point) AS lat, h.rank
    FROM (
      SELECT 'villages' AS layer, code AS id, name AS label, NULL::text AS detail, code AS village_code,
             ST_PointOnSurface(geom) AS point, 0 AS rank
      FROM villages WHERE name ILIKE ${pattern} OR code ILIKE ${pattern}
      UNION ALL
      SELECT 'buildings', id::text, coalesce(name, code), responsible_person, village_code, ST_PointOnSurface(geom), 1
      FROM buildings WHERE name ILIKE ${pattern} OR code ILIKE ${pattern} OR responsible_person ILIKE ${pattern}
      UNION ALL
      SELECT 'units', id::text, name, responsible_person, village_code, geom, 1
      FROM social_units WHERE name ILIKE ${pattern} OR code ILIKE ${pattern} OR responsible_person ILIKE ${pattern}
      UNION ALL
      SELECT 'stations', id::text, name, NULL, village_code, geom, 1
      FROM stations WHERE name ILIKE ${pattern} OR code ILIKE ${pattern}
      UNION ALL
      SELECT 'water-sources', id::text, name, NULL, village_code, geom, 1
      FROM water_sources WHERE name ILIKE ${pattern} OR code ILIKE ${pattern}
    ) h
    LEFT JOIN villages v ON v.code = h.village_code
    WHERE ${inVillages}
    ORDER BY h.rank, length(h.label), h.label
    LIMIT ${limit}`.execute(db);
  return result.rows.map(({ lon, lat, rank: _rank, ...hit }) => ({ ...hit, center: [lon, lat] }));
}
