import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Geometry } from 'geojson';
import { say } from '@/lib/i18n/say';
import { type GeoFileContents, GeoFileError, type SourceValue } from './types';
import { baseName, unzipUpload } from './unzip-upload';
import { countVertices, MAX_IMPORT_VERTICES, tooComplex } from './vertex-limit';

/** Drawing hints togeojson copies from styles: not attributes anyone typed. */
const STYLE_PROPERTIES =
  /^(styleUrl|styleHash|styleMaps|stroke|stroke-opacity|stroke-width|fill|fill-opacity|icon|icon-.*|label-.*|visibility)$/;

/** A .kml, or a .kmz (zip: doc.kml, else its first .kml). KML is WGS 84 degrees by its definition. */
export function readKml(bytes: Uint8Array, zipped: boolean): GeoFileContents {
  const text = new TextDecoder('utf-8').decode(zipped ? kmlInKmz(bytes) : bytes);
  const document = parseXml(text);
  if (document?.documentElement?.localName !== 'kml')
    throw new GeoFileError(say('KML 文件无法解析（不是有效的 KML）', 'the KML file cannot be parsed (not valid KML)'), 'damaged_file');
  const collection = kml(document as unknown as Document);
  const fields: string[] = [];
  let vertices = 0;
  const features = collection.features.map((feature, position) => {
    const geometry = (feature.geometry as Geometry | null) ?? null;
    vertices += geometry ? countVertices(geometry) : 0;
    if (vertices > MAX_IMPORT_VERTICES) throw tooComplex(vertices);
    const properties: Record<string, SourceValue> = {};
    for (const [name, value] of Object.entries(feature.properties ?? {})) {
      if (STYLE_PROPERTIES.test(name)) continue;
      if (!fields.includes(name)) fields.push(name);
      properties[name] =
        value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : (value as SourceValue);
    }
    return { index: position + 1, geometry, properties };
  });
  return {
    format: 'kml',
    features,
    fields,
    encoding: { name: 'utf-8', source: 'format' },
    declaredCrs: { epsg: 4326, text: 'KML (WGS 84)' },
  };
}

function kmlInKmz(bytes: Uint8Array): Uint8Array {
  const entries = unzipUpload(bytes, { zh: ' KMZ ', en: 'KMZ' });
  const names = Object.keys(entries).filter((name) => /\.kml$/i.test(name) && !baseName(name).startsWith('._'));
  const chosen = names.find((name) => name.toLowerCase() === 'doc.kml') ?? names[0];
  if (!chosen) throw new GeoFileError(say('KMZ 压缩包里没有 .kml 文件', 'the KMZ holds no .kml file'), 'damaged_file');
  return entries[chosen] as Uint8Array;
}

/** The XML document, or null when the parser reports an error (xmldom throws on fatal ones, reports the rest). */
function parseXml(text: string) {
  let failed = false;
  try {
    const document = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') failed = true;
      },
    }).parseFromString(text, 'text/xml');
    return failed ? null : document;
  } catch {
    return null;
  }
}
