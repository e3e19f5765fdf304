import { attributesOf, type LayerExport } from './layer-export';

/** RFC 7946: WGS 84 lon/lat (no `crs` member), each feature's fields as properties under their column names. */
export function layerToGeoJson(layer: LayerExport): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    name: layer.tableName,
    features: layer.features.map((feature) => ({ type: 'Feature', properties: attributesOf(layer, feature), geometry: feature.geometry })),
  });
}
