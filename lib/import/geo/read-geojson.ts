import type { Geometry } from 'geojson';
import { say } from '@/lib/i18n/say';
import { type DeclaredCrs, type GeoFileContents, GeoFileError, type SourceValue } from './types';

/** Reads a GeoJSON FeatureCollection (or a single Feature). Text is UTF-8 by the format's definition (RFC 7946). */
export function readGeoJson(bytes: Uint8Array): GeoFileContents {
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw new GeoFileError(
      say('GeoJSON 文件无法解析（不是有效的 UTF-8 JSON）', 'the GeoJSON file cannot be parsed (not valid UTF-8 JSON)'),
      'damaged_file',
    );
  }
  const root = document as { type?: unknown; features?: unknown; crs?: unknown };
  const items =
    root?.type === 'FeatureCollection' && Array.isArray(root.features) ? root.features : root?.type === 'Feature' ? [root] : null;
  if (!items)
    throw new GeoFileError(
      say('GeoJSON 文件不是要素集合（FeatureCollection）', 'the GeoJSON file is not a FeatureCollection'),
      'damaged_file',
    );
  const fields: string[] = [];
  const seen = new Set<string>();
  const features = items.map((item, position) => {
    const feature = item as { geometry?: unknown; properties?: unknown };
    const properties: Record<string, SourceValue> = {};
    const source = feature?.properties && typeof feature.properties === 'object' ? (feature.properties as Record<string, unknown>) : {};
    for (const [name, value] of Object.entries(source)) {
      if (!seen.has(name)) {
        seen.add(name);
        fields.push(name);
      }
      properties[name] = sourceValue(value);
    }
    const geometry = feature?.geometry && typeof feature.geometry === 'object' ? (feature.geometry as Geometry) : null;
    return { index: position + 1, geometry, properties };
  });
  return { format: 'geojson', features, fields, encoding: { name: 'utf-8', source: 'format' }, declaredCrs: declaredCrs(root.crs) };
}

function sourceValue(value: unknown): SourceValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The pre-2016 `crs` member (still written by GDAL for non-WGS 84 files): "urn:ogc:def:crs:EPSG::4546". */
function declaredCrs(crs: unknown): DeclaredCrs | null {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return { epsg: 4326, text: name };
  const code = /EPSG:+(\d+)$/i.exec(name);
  return { epsg: code ? Number(code[1]) : null, text: name };
}
