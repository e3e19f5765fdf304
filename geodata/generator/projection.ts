// Local metres on a tangent plane around the origin <-> lon/lat (EPSG:4326).
// Equirectangular with cos(lat0) is accurate to well under a metre over a county (~30 km).

export const EARTH_RADIUS_M = 6378137;

/** Origin of the local plane: the middle of the synthetic 刘胡兰镇. */
export const ORIGIN = { lon: 112.1, lat: 37.37 } as const;

/** Round to 7 decimals (about 1 cm). Division of an integer by 1e7 gives the nearest double, so JSON prints ≤ 7 decimals. */
export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

export class Projection {
  private readonly metresPerDegreeLat: number;
  private readonly metresPerDegreeLon: number;

  constructor(
    readonly lon0: number = ORIGIN.lon,
    readonly lat0: number = ORIGIN.lat,
  ) {
    this.metresPerDegreeLat = (Math.PI / 180) * EARTH_RADIUS_M;
    this.metresPerDegreeLon = this.metresPerDegreeLat * Math.cos((lat0 * Math.PI) / 180);
  }

  /** Local metres (x east, y north) to rounded [lon, lat]. */
  toLonLat(x: number, y: number): [number, number] {
    return [round7(this.lon0 + x / this.metresPerDegreeLon), round7(this.lat0 + y / this.metresPerDegreeLat)];
  }

  /** [lon, lat] to local metres. */
  toLocal(lon: number, lat: number): [number, number] {
    return [(lon - this.lon0) * this.metresPerDegreeLon, (lat - this.lat0) * this.metresPerDegreeLat];
  }
}
