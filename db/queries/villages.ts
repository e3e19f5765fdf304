import { sql } from 'kysely';
import type { Db } from '../schema';

export interface VillageSummary {
  code: string;
  name: string;
  is_seat: boolean;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
}

/** Every village with its extent: the village filter's choices and where the map flies to. */
export async function listVillages(db: Db): Promise<VillageSummary[]> {
  const result = await sql<{ code: string; name: string; is_seat: boolean; w: number; s: number; e: number; n: number }>`
    SELECT code, name, is_seat, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n
    FROM villages ORDER BY is_seat DESC, code`.execute(db);
  return result.rows.map(({ w, s, e, n, ...village }) => ({ ...village, bbox: [w, s, e, n] }));
}

export async function villageCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('villages').select('code').execute();
  return new Set(rows.map((row) => row.code));
}
