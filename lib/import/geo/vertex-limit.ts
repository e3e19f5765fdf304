import type { Geometry, Position } from 'geojson';
import { say } from '@/lib/i18n/say';
import { GeoFileError } from './types';

/** More vertices than this in one file are refused: one import is one transaction and one preview in the browser. */
export const MAX_IMPORT_VERTICES = 2_000_000;

export function countVertices(geometry: Geometry): number {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.reduce((sum, part) => sum + countVertices(part), 0);
  const count = (coordinates: unknown): number =>
    Array.isArray(coordinates) && typeof coordinates[0] === 'number'
      ? 1
      : (coordinates as Position[] | unknown[]).reduce<number>((sum, part) => sum + count(part), 0);
  return count(geometry.coordinates);
}

export function tooComplex(vertices: number): GeoFileError {
  return new GeoFileError(
    say(
      `文件的图形超过 ${MAX_IMPORT_VERTICES.toLocaleString('en')} 个节点（已读到 ${vertices.toLocaleString('en')} 个）；请简化或拆分后再导入`,
      `the file's shapes have more than ${MAX_IMPORT_VERTICES.toLocaleString('en')} vertices (${vertices.toLocaleString('en')} read so far); simplify or split it first`,
    ),
    'too_complex',
  );
}
