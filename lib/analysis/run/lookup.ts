import { parseGeometry } from '../finding';

/**
 * The entry a lookup built from the analysis' own query rows must hold (the footprint of a building the
 * query returned, the rule a row names): a miss is a bug, so it raises instead of answering undefined.
 */
export function entryFor<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`${what} ${String(key)}: not among the rows the analysis read`);
  return value;
}

/** A stored geometry (GeoJSON text by id) as GeoJSON. */
export function geometryFor(shapes: ReadonlyMap<number, string>, id: number, what: string): GeoJSON.Geometry {
  return parseGeometry(entryFor(shapes, id, what));
}
