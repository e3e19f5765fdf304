import type { Geometry, Position } from 'geojson';
import type { AttributeValue, LayerExport } from './layer-export';

/** XML 1.0 cannot hold most control characters even escaped; they are dropped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const coordinates = (positions: Position[]) => `<coordinates>${positions.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates>`;

function polygon(rings: Position[][]): string {
  const [outer = [], ...holes] = rings;
  const ring = (positions: Position[]) => `<LinearRing>${coordinates(positions)}</LinearRing>`;
  return `<Polygon><outerBoundaryIs>${ring(outer)}</outerBoundaryIs>${holes
    .map((hole) => `<innerBoundaryIs>${ring(hole)}</innerBoundaryIs>`)
    .join('')}</Polygon>`;
}

function kmlGeometry(geometry: Geometry): string {
  switch (geometry.type) {
    case 'Point':
      return `<Point>${coordinates([geometry.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString>${coordinates(geometry.coordinates)}</LineString>`;
    case 'Polygon':
      return polygon(geometry.coordinates);
    case 'MultiPolygon':
      return `<MultiGeometry>${geometry.coordinates.map(polygon).join('')}</MultiGeometry>`;
    case 'MultiPoint':
    case 'MultiLineString':
    case 'GeometryCollection':
      throw new Error(`base layers store no ${geometry.type}`);
  }
}

/** A value as KML text: booleans true/false, numbers as JavaScript writes them. */
const text = (value: Exclude<AttributeValue, null>) => escapeXml(String(value));

/**
 * KML 2.2 (WGS 84 by definition): one Placemark per feature, every field in ExtendedData under its column name
 * (empty fields left out). The Placemark is named by the name field in layers that have one (a feature without a
 * name stays unnamed: readers take <name> as the `name` attribute, so the code there would come back as a name),
 * else by its code. Written here rather than with tokml, which takes
 * the Placemark's name from a property and so would put a made-up one among the attributes.
 */
export function layerToKml(layer: LayerExport): string {
  const nameAt = layer.columns.findIndex((column) => column.name === 'name');
  const codeAt = layer.columns.findIndex((column) => column.name === 'code');
  const placemarks = layer.features.map((feature) => {
    const name = (nameAt >= 0 ? feature.values[nameAt] : feature.values[codeAt]) ?? null;
    const data = layer.columns
      .map((column, at) => {
        const value = feature.values[at] ?? null;
        return value === null ? '' : `<Data name="${escapeXml(column.name)}"><value>${text(value)}</value></Data>`;
      })
      .join('');
    return `<Placemark>${name === null ? '' : `<name>${text(name)}</name>`}<ExtendedData>${data}</ExtendedData>${kmlGeometry(feature.geometry)}</Placemark>`;
  });
  // The Folder is the layer GDAL sees, there even when it holds no Placemark.
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${escapeXml(
    layer.title,
  )}</name><Folder><name>${escapeXml(layer.tableName)}</name>\n${placemarks.join('\n')}\n</Folder></Document></kml>\n`;
}
