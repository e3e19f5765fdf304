import type { DeclaredCrs } from './types';

/**
 * The EPSG code of a WKT coordinate system (.prj, GeoPackage srs): its own AUTHORITY["EPSG", …] when present (the
 * last one in the text is the whole system's), else recognised from the datum and projection parameters of the
 * systems a town's files use: CGCS2000 and WGS 84 degrees, CGCS2000 Gauss-Krüger 3° zones at 111°E / 114°E with
 * and without the zone number in the false easting. Esri writes .prj files without authorities.
 */
export function declaredCrsFromPrj(wkt: string): DeclaredCrs {
  const text = wkt.trim();
  return { epsg: authorityCode(text) ?? recognisedCode(text), text };
}

function authorityCode(text: string): number | null {
  // The outermost AUTHORITY / ID closes the text: `…,AUTHORITY["EPSG","4546"]]` or WKT2 `ID["EPSG",4546]]`.
  const match = /(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(text);
  return match ? Number(match[1]) : null;
}

function recognisedCode(text: string): number | null {
  const upper = text.toUpperCase();
  const cgcs2000 = /CGCS[\s_]*2000|CHINA[\s_]+GEODETIC[\s_]+COORDINATE[\s_]+SYSTEM[\s_]+2000|CHINA_2000/.test(upper);
  const wgs84 = /WGS[\s_]*(19)?84/.test(upper);
  if (!/^(PROJCS|PROJCRS|PROJECTEDCRS)\[/.test(upper)) {
    if (cgcs2000) return 4490;
    if (wgs84) return 4326;
    return null;
  }
  if (!cgcs2000 || !/TRANSVERSE[\s_]*MERCATOR|GAUSS/.test(upper)) return null;
  const centralMeridian = parameter(upper, /CENTRAL[\s_]*MERIDIAN|LONGITUDE[\s_]+OF[\s_]+NATURAL[\s_]+ORIGIN/);
  const falseEasting = parameter(upper, /FALSE[\s_]*EASTING/);
  if (falseEasting === 500000 && centralMeridian === 111) return 4546;
  if (falseEasting === 500000 && centralMeridian === 114) return 4547;
  if (falseEasting === 37500000 && centralMeridian === 111) return 4525;
  if (falseEasting === 38500000 && centralMeridian === 114) return 4526;
  return null;
}

/** A PARAMETER["name", value] whose name matches. */
function parameter(upper: string, name: RegExp): number | null {
  for (const match of upper.matchAll(/PARAMETER\[\s*"([^"]*)"\s*,\s*(-?[\d.eE+-]+)/g)) {
    if (name.test(match[1] ?? '')) return Number(match[2]);
  }
  return null;
}
