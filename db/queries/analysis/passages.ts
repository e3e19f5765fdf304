import { sql } from 'kysely';
import type { Db } from '../../schema';

/**
 * Passages in the selected villages: their own village, or for town roads (no village) lying in one.
 * Empty selection: all.
 */
export async function passagesInScope(db: Db, villages: readonly string[]): Promise<Set<number> | null> {
  if (villages.length === 0) return null;
  const result = await sql<{ id: number }>`
    SELECT p.id FROM passages p
    WHERE p.village_code = ANY(${[...villages]}::text[]) OR (p.village_code IS NULL AND EXISTS (
      SELECT 1 FROM villages v WHERE v.code = ANY(${[...villages]}::text[]) AND ST_Intersects(v.geom, p.geom)))`.execute(db);
  return new Set(result.rows.map((r) => r.id));
}

export async function openObstacles(db: Db): Promise<Map<number, { ids: number[]; codes: string[] }>> {
  const result = await sql<{ passage_id: number; ids: number[]; codes: string[] }>`
    SELECT passage_id, array_agg(id ORDER BY id) AS ids, array_agg(code ORDER BY id) AS codes
    FROM obstacles WHERE status = 'open' GROUP BY passage_id`.execute(db);
  return new Map(result.rows.map((r) => [r.passage_id, { ids: r.ids, codes: r.codes }]));
}
