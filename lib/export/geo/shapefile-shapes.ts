import type { Geometry, Position } from 'geojson';
import { extentOf } from './wkb';

/** ESRI shape types (Shapefile Technical Description, 1998). */
const SHAPE_TYPES = { Point: 1, LineString: 3, Polygon: 5, MultiPolygon: 5 } as const;
type ShapeGeometry = keyof typeof SHAPE_TYPES;

/** Twice the signed area of a ring: positive when it runs counter-clockwise (x east, y north). */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let at = 0; at + 1 < ring.length; at++) {
    const [x1, y1] = ring[at] as [number, number];
    const [x2, y2] = ring[at + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** ESRI ring order: outer rings clockwise, holes counter-clockwise, whatever the source's orientation. */
function esriRings(rings: Position[][]): Position[][] {
  return rings.map((ring, at) => {
    const clockwise = signedArea(ring) < 0;
    const wanted = at === 0;
    return clockwise === wanted ? ring : [...ring].reverse();
  });
}

/** The parts of a shape: a line's one part, a polygon's rings, a multipolygon's rings of every polygon. */
function partsOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'LineString':
      return [geometry.coordinates];
    case 'Polygon':
      return esriRings(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.flatMap(esriRings);
    default:
      throw new Error(`a ${geometry.type} has no parts in this writer`);
  }
}

/** The record content of one shape (without its 8-byte record header), little-endian as the format has it. */
function shapeContent(geometry: Geometry, shapeType: number): Uint8Array {
  if (geometry.type === 'Point') {
    const bytes = new Uint8Array(20);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, shapeType, true);
    view.setFloat64(4, geometry.coordinates[0] as number, true);
    view.setFloat64(12, geometry.coordinates[1] as number, true);
    return bytes;
  }
  const parts = partsOf(geometry);
  const points = parts.flat();
  const bytes = new Uint8Array(44 + 4 * parts.length + 16 * points.length);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, shapeType, true);
  const [minX, minY, maxX, maxY] = extentOf([geometry]) as [number, number, number, number];
  [minX, minY, maxX, maxY].forEach((value, at) => view.setFloat64(4 + 8 * at, value, true));
  view.setInt32(36, parts.length, true);
  view.setInt32(40, points.length, true);
  let start = 0;
  parts.forEach((part, at) => {
    view.setInt32(44 + 4 * at, start, true);
    start += part.length;
  });
  const pointsAt = 44 + 4 * parts.length;
  points.forEach(([x, y], at) => {
    view.setFloat64(pointsAt + 16 * at, x as number, true);
    view.setFloat64(pointsAt + 16 * at + 8, y as number, true);
  });
  return bytes;
}

function header(shapeType: number, fileBytes: number, extent: [number, number, number, number] | null): Uint8Array {
  const bytes = new Uint8Array(100);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 9994, false);
  view.setInt32(24, fileBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  const [minX, minY, maxX, maxY] = extent ?? [0, 0, 0, 0];
  [minX, minY, maxX, maxY].forEach((value, at) => view.setFloat64(36 + 8 * at, value, true));
  return bytes;
}

/** The .shp and its index .shx for geometries of one layer type. */
export function writeShapes(geometryType: ShapeGeometry, geometries: readonly Geometry[]): { shp: Uint8Array; shx: Uint8Array } {
  const shapeType = SHAPE_TYPES[geometryType];
  const contents = geometries.map((geometry) => shapeContent(geometry, shapeType));
  const shpBytes = 100 + contents.reduce((sum, content) => sum + 8 + content.length, 0);
  const shxBytes = 100 + 8 * contents.length;
  const extent = extentOf(geometries);
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(shxBytes);
  shp.set(header(shapeType, shpBytes, extent));
  shx.set(header(shapeType, shxBytes, extent));
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach((content, at) => {
    shpView.setInt32(offset, at + 1, false);
    shpView.setInt32(offset + 4, content.length / 2, false);
    shp.set(content, offset + 8);
    shxView.setInt32(100 + 8 * at, offset / 2, false);
    shxView.setInt32(104 + 8 * at, content.length / 2, false);
    offset += 8 + content.length;
  });
  return { shp, shx };
}
