import type { Geometry, Position } from 'geojson';
import { UnprocessableError } from '../../api/errors';
import type { BaseLayerSpec } from '../../domain/base-fields';
import { say } from '../../i18n/say';
import { offsetToWgs84 } from '../geo/offset-crs';
import type { ImportCrs, SourceFeature } from '../geo/types';

type Family = 'Point' | 'LineString' | 'Polygon';

const familyOf = (type: Geometry['type']): Family | null =>
  type === 'Point' || type === 'MultiPoint'
    ? 'Point'
    : type === 'LineString' || type === 'MultiLineString'
      ? 'LineString'
      : type === 'Polygon' || type === 'MultiPolygon'
        ? 'Polygon'
        : null;

const LAYER_FAMILY: Record<BaseLayerSpec['geometry'], Family> = {
  Point: 'Point',
  LineString: 'LineString',
  Polygon: 'Polygon',
  MultiPolygon: 'Polygon',
};

/**
 * Refuses a file whose geometries are not all of the layer's kind (points for buildings, a mix of points and
 * polygons): it is the wrong file or the wrong layer, and no feature of it could be imported.
 */
export function assertGeometryKind(spec: BaseLayerSpec, features: readonly SourceFeature[]): void {
  const counts = new Map<string, number>();
  for (const feature of features) if (feature.geometry) counts.set(feature.geometry.type, (counts.get(feature.geometry.type) ?? 0) + 1);
  const wanted = LAYER_FAMILY[spec.geometry];
  const wrong = [...counts.keys()].filter((type) => familyOf(type as Geometry['type']) !== wanted);
  if (wrong.length === 0) return;
  const found = [...counts.entries()].map(([type, n]) => `${type} ×${n}`).join(', ');
  throw new UnprocessableError(
    say(
      `文件中的几何类型（${found}）不全是本图层的 ${spec.geometry}：请检查文件或所选图层`,
      `the file's geometries (${found}) are not all ${spec.geometry}, as this layer needs: check the file or the layer chosen`,
    ),
    { geometry_types: Object.fromEntries(counts) },
  );
}

/** A multi-geometry of one part as its single part, a polygon as a multipolygon for villages; else as it is. */
export function toLayerType(spec: BaseLayerSpec, geometry: Geometry): Geometry {
  if (spec.geometry === 'MultiPolygon' && geometry.type === 'Polygon') return { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
  if (
    (geometry.type === 'MultiPoint' || geometry.type === 'MultiLineString' || geometry.type === 'MultiPolygon') &&
    spec.geometry !== 'MultiPolygon' &&
    geometry.coordinates.length === 1
  ) {
    const single = { MultiPoint: 'Point', MultiLineString: 'LineString', MultiPolygon: 'Polygon' } as const;
    return { type: single[geometry.type], coordinates: geometry.coordinates[0] } as Geometry;
  }
  return geometry;
}

export function isLayerType(spec: BaseLayerSpec, geometry: Geometry): boolean {
  return geometry.type === spec.geometry;
}

function mapPositions(geometry: Geometry, convert: (position: Position) => Position): Geometry {
  if (geometry.type === 'GeometryCollection') return { ...geometry, geometries: geometry.geometries.map((g) => mapPositions(g, convert)) };
  const walk = (node: unknown): unknown =>
    Array.isArray(node) && typeof node[0] === 'number' ? convert(node as Position) : (node as unknown[]).map(walk);
  return { ...geometry, coordinates: walk(geometry.coordinates) } as Geometry;
}

export const swapAxes = (geometry: Geometry): Geometry => mapPositions(geometry, ([a, b, ...rest]) => [b as number, a as number, ...rest]);

const DEGREES: readonly ImportCrs[] = ['EPSG:4326', 'EPSG:4490', 'GCJ-02', 'BD-09'];

/**
 * Refuses coordinates that cannot be in the chosen system: metres read as degrees (or degrees as metres) would put
 * every feature far from the town, so the user is told to choose the system again instead.
 */
export function assertCoordinatesFit(crs: ImportCrs, features: readonly SourceFeature[]): void {
  let outOfDegrees = 0;
  let allSmall = true;
  let any = false;
  for (const feature of features) {
    if (!feature.geometry) continue;
    mapPositions(feature.geometry, (position) => {
      any = true;
      const [x, y] = position as [number, number];
      if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) outOfDegrees += 1;
      if (Math.abs(x) > 1000 || Math.abs(y) > 1000) allSmall = false;
      return position;
    });
  }
  if (!any) return;
  if (DEGREES.includes(crs) && outOfDegrees > 0)
    throw new UnprocessableError(
      say(
        `坐标（有 ${outOfDegrees} 个点）不是经纬度，不能按 ${crs} 读取：文件可能是投影坐标（米），请选择正确的坐标系`,
        `the coordinates (${outOfDegrees} positions) are not degrees and cannot be read as ${crs}: the file may be in projected metres; choose the right system`,
      ),
      { field: 'crs' },
    );
  if (!DEGREES.includes(crs) && allSmall)
    throw new UnprocessableError(
      say(
        `坐标看起来是经纬度，不能按投影坐标系 ${crs}（米）读取；请选择正确的坐标系`,
        `the coordinates look like degrees and cannot be read as the projected system ${crs} (metres); choose the right system`,
      ),
      { field: 'crs' },
    );
}

/** The geometry ready for PostGIS and the SRID it is in: offsets converted here, EPSG systems left to ST_Transform. */
export function prepareGeometry(geometry: Geometry, crs: ImportCrs, swapped: boolean): Geometry {
  const ordered = swapped ? swapAxes(geometry) : geometry;
  return crs === 'GCJ-02' || crs === 'BD-09' ? offsetToWgs84(ordered, crs) : ordered;
}

export function sridOf(crs: ImportCrs): number {
  return crs === 'GCJ-02' || crs === 'BD-09' ? 4326 : Number(crs.slice('EPSG:'.length));
}
