/**
 * Latin words a zh-CN page may show, each for a reason: names of file formats and standards the office uses by
 * those names, units, the demo accounts' usernames (typed at sign-in), and the switch to the English UI.
 */
const ALLOWED = new Set([
  // file formats and protocols named as such in Chinese software
  'XLSX',
  'CSV',
  'PDF',
  'GeoJSON',
  'QGIS',
  'ArcGIS',
  'Shapefile',
  'GeoPackage',
  'KML',
  'KMZ',
  'WKT',
  'ZIP',
  'UTF',
  'GBK',
  'GB18030',
  // coordinate systems by their standard names
  'WGS',
  'EPSG',
  'CGCS2000',
  'GCJ',
  'BD',
  'GDAL',
  'OGC',
  'API',
  'MVT',
  'QR',
  'HTTP',
  // typed as is: the word before an API token in the Authorization header, and the demo password
  'Bearer',
  'liuhulan2026',
  // standards: GB, GB/T and their numbers
  'GB',
  'T',
  // units
  'm',
  'km',
  'MB',
  'KB',
  'kB',
  // the demo accounts' usernames, shown on the sign-in page and in the user list
  'leader',
  'office',
  'planner',
  'inspector',
  'village',
  'admin',
  // the language switch names the language it switches to
  'English',
]);

/** A record code (P00430, H00485, B01234, YH-001) or a code with digits: data, not words. */
const CODE = /^[A-Z]{1,3}\d{2,}$/;

/** Addresses and file names are data the page quotes, not words it speaks. */
const QUOTED = /\bhttps?:\/\/\S+|[\w.-]+\.(?:geojson|json|csv|xlsx|pdf|jpe?g|png)\b/gi;

/** The Latin words of a text that a zh-CN page should not show, each once, with a line it occurs on. */
export function unexpectedLatinWords(text: string): { word: string; line: string }[] {
  const found = new Map<string, string>();
  for (const line of text.split('\n')) {
    for (const match of line.replace(QUOTED, ' ').matchAll(/[A-Za-z][A-Za-z0-9]*/g)) {
      const word = match[0];
      if (ALLOWED.has(word) || CODE.test(word) || found.has(word)) continue;
      found.set(word, line.trim().slice(0, 120));
    }
  }
  return [...found.entries()].map(([word, line]) => ({ word, line }));
}
