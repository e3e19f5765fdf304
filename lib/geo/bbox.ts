import { bbox as turfBbox } from '@turf/turf';

/** [west, south, east, north] in degrees (EPSG:4326), as in GeoJSON and OGC API – Features. */
export type Bbox = [number, number, number, number];

/** The smallest box holding every box; an empty list gives an inverted (infinite) box. */
export function unionBbox(boxes: readonly Bbox[]): Bbox {
  return boxes.reduce<Bbox>(
    (all, box) => [Math.min(all[0], box[0]), Math.min(all[1], box[1]), Math.max(all[2], box[2]), Math.max(all[3], box[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

/** The box of any GeoJSON geometry or feature. */
export function geometryBbox(geometry: GeoJSON.Geometry | GeoJSON.Feature | GeoJSON.FeatureCollection): Bbox {
  return turfBbox(geometry) as Bbox;
}
