import { GeoJsonLayer } from '@deck.gl/layers';

type Rgba = [number, number, number, number];

/** Features drawn over the map in one colour: analysis findings, or the selected feature. */
export function highlightLayer(
  id: string,
  data: GeoJSON.FeatureCollection,
  style: { fill: Rgba; line: Rgba; width: number; radius: number },
): GeoJsonLayer {
  return new GeoJsonLayer({
    id,
    data,
    stroked: true,
    filled: true,
    getFillColor: style.fill,
    getLineColor: style.line,
    getLineWidth: style.width,
    lineWidthUnits: 'pixels',
    lineWidthMinPixels: 2,
    pointType: 'circle',
    getPointRadius: style.radius,
    pointRadiusUnits: 'pixels',
  });
}

export const FINDINGS_STYLE = { fill: [213, 0, 0, 60], line: [213, 0, 0, 230], width: 3, radius: 6 } satisfies Parameters<
  typeof highlightLayer
>[2];
export const SELECTION_STYLE = { fill: [0, 229, 255, 50], line: [0, 184, 212, 255], width: 4, radius: 12 } satisfies Parameters<
  typeof highlightLayer
>[2];
