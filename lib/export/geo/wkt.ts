import type { Geometry, Position } from 'geojson';

/** Well-Known Text of the geometry types base layers store, numbers as JavaScript's shortest exact form. */
export function toWkt(geometry: Geometry): string {
  const position = (p: Position) => `${p[0]} ${p[1]}`;
  const line = (positions: Position[]) => `(${positions.map(position).join(', ')})`;
  const polygon = (rings: Position[][]) => `(${rings.map(line).join(', ')})`;
  switch (geometry.type) {
    case 'Point':
      return `POINT (${position(geometry.coordinates)})`;
    case 'LineString':
      return `LINESTRING ${line(geometry.coordinates)}`;
    case 'Polygon':
      return `POLYGON ${polygon(geometry.coordinates)}`;
    case 'MultiPoint':
      return `MULTIPOINT ${line(geometry.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING ${polygon(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map(polygon).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${geometry.geometries.map(toWkt).join(', ')})`;
  }
}
