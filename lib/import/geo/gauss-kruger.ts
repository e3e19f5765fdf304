/** CGCS2000 ellipsoid (same a as WGS 84, flattening differs in the 10th digit). */
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);

/**
 * Longitude and latitude (degrees) of a Gauss-Krüger (transverse Mercator, scale 1) point, by Snyder's inverse
 * series — sub-millimetre within a 3° zone, enough to tell which zone puts features near the town.
 * `x` is the easting without the zone prefix (false easting 500 000 m).
 */
export function gaussKrugerToLonLat(x: number, y: number, centralMeridian: number): [number, number] {
  const ep2 = E2 / (1 - E2);
  const m = y;
  const mu = m / (A * (1 - E2 / 4 - (3 * E2 ** 2) / 64 - (5 * E2 ** 3) / 256));
  const e1 = (1 - Math.sqrt(1 - E2)) / (1 + Math.sqrt(1 - E2));
  const phi1 =
    mu +
    ((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) +
    ((21 * e1 ** 2) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu) +
    ((151 * e1 ** 3) / 96) * Math.sin(6 * mu) +
    ((1097 * e1 ** 4) / 512) * Math.sin(8 * mu);
  const sin = Math.sin(phi1);
  const cos = Math.cos(phi1);
  const c1 = ep2 * cos ** 2;
  const t1 = Math.tan(phi1) ** 2;
  const n1 = A / Math.sqrt(1 - E2 * sin ** 2);
  const r1 = (A * (1 - E2)) / (1 - E2 * sin ** 2) ** 1.5;
  const d = (x - 500000) / n1;
  const lat =
    phi1 -
    ((n1 * Math.tan(phi1)) / r1) *
      (d ** 2 / 2 -
        ((5 + 3 * t1 + 10 * c1 - 4 * c1 ** 2 - 9 * ep2) * d ** 4) / 24 +
        ((61 + 90 * t1 + 298 * c1 + 45 * t1 ** 2 - 252 * ep2 - 3 * c1 ** 2) * d ** 6) / 720);
  const lon = (d - ((1 + 2 * t1 + c1) * d ** 3) / 6 + ((5 - 2 * c1 + 28 * t1 - 3 * c1 ** 2 + 8 * ep2 + 24 * t1 ** 2) * d ** 5) / 120) / cos;
  return [centralMeridian + (lon * 180) / Math.PI, (lat * 180) / Math.PI];
}
