import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/** A position in a frame: metres east and north of its origin, or longitude and latitude. */
export type Xy = [number, number];
export type Ring = Xy[];

/** An axis-aligned rectangle from its south-west to its north-east corner, as a closed ring. */
export const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** A square of the given side with its south-west corner at (x, y). */
export const square = (x: number, y: number, side: number): Ring => rect(x, y, x + side, y + side);

/**
 * A square turned 45°: corners r south, east, north and west of (cx, cy). Near a straight lane its closest
 * point is one corner, not a whole edge (a tie that would make the position along the lane arbitrary).
 */
export const diamond = (cx: number, cy: number, r = 5): Ring => [
  [cx, cy - r],
  [cx + r, cy],
  [cx, cy + r],
  [cx - r, cy],
  [cx, cy - r],
];

/** Where a town's positions are measured from; the database stores every geometry in EPSG:4326. */
export interface Frame {
  srid: 4326 | 4546;
  place(xy: Xy): Xy;
}

/** Longitude and latitude as they are. */
export const LON_LAT: Frame = { srid: 4326, place: (xy) => xy };

/** A point of the township in EPSG:4546 (CGCS2000 GK CM 111E), ≈ 112.0996°E 37.3696°N. */
export const TOWN_ORIGIN: Xy = [597_400, 4_138_100];

/**
 * Metres east and north of `origin` in EPSG:4546, so distances can be worked out by hand;
 * PostGIS transforms them to lon/lat (ST_Transform) as it would any projected data.
 */
export function metresFrom(origin: Xy): Frame {
  return { srid: 4546, place: ([x, y]) => [origin[0] + x, origin[1] + y] };
}

/** A geometry with the frame's coordinate system; `storedGeometry` turns it into EPSG:4326. */
export interface PlacedGeometry {
  srid: Frame['srid'];
  geometry: GeoJSON.Point | GeoJSON.LineString | GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export const pointIn = (frame: Frame, at: Xy): PlacedGeometry => ({
  srid: frame.srid,
  geometry: { type: 'Point', coordinates: frame.place(at) },
});
export const lineIn = (frame: Frame, points: Xy[]): PlacedGeometry => ({
  srid: frame.srid,
  geometry: { type: 'LineString', coordinates: points.map(frame.place) },
});
export const polygonIn = (frame: Frame, ring: Ring): PlacedGeometry => ({
  srid: frame.srid,
  geometry: { type: 'Polygon', coordinates: [ring.map(frame.place)] },
});
export const areaIn = (frame: Frame, ring: Ring): PlacedGeometry => ({
  srid: frame.srid,
  geometry: { type: 'MultiPolygon', coordinates: [[ring.map(frame.place)]] },
});

/** The SQL of a placed geometry in EPSG:4326, as it is stored. */
export const storedGeometry = ({ srid, geometry }: PlacedGeometry) =>
  sql`ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), ${srid}::int), 4326)`;

/** lon/lat of a position, computed by PostGIS (the same transform the stored geometries went through). */
export async function lonLatOf(db: Kysely<Database>, frame: Frame, at: Xy): Promise<Xy> {
  const result = await sql<{ lon: number; lat: number }>`
    SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ${storedGeometry(pointIn(frame, at))} AS g) s`.execute(db);
  const { lon, lat } = result.rows[0]!;
  return [lon, lat];
}
