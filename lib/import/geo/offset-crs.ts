import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';

/**
 * A geometry in GCJ-02 (Gaode, Tencent) or BD-09 (Baidu) converted to WGS 84 degrees, vertex by vertex. The
 * offsets are a published obfuscation with no EPSG code, so PostGIS cannot do it; gcoord inverts it to about a metre.
 */
export function offsetToWgs84<T extends Geometry>(geometry: T, from: 'GCJ-02' | 'BD-09'): T {
  const source = from === 'GCJ-02' ? gcoord.GCJ02 : gcoord.BD09;
  const convert = (position: Position): Position =>
    gcoord.transform([position[0] as number, position[1] as number], source, gcoord.WGS84) as Position;
  const map = (node: unknown): unknown =>
    Array.isArray(node) && typeof node[0] === 'number' ? convert(node as Position) : (node as unknown[]).map(map);
  if (geometry.type === 'GeometryCollection')
    return { ...geometry, geometries: geometry.geometries.map((part) => offsetToWgs84(part, from)) };
  return { ...geometry, coordinates: map(geometry.coordinates) } as T;
}
