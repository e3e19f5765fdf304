import { TextLayer } from '@deck.gl/layers';
import type { LayerName } from './layer-names';
import type { MapLayerDefinition } from './layers';

const LABEL_FONT = '"WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

export interface LabelDatum {
  position: [number, number];
  text: string;
  size: number;
  color: [number, number, number];
  minZoom: number;
}

/** The labels of a layer's features: points at the point, areas at their label point (label_lon/lat). */
export function collectLabels(definition: MapLayerDefinition, data: GeoJSON.FeatureCollection): LabelDatum[] | null {
  const label = definition.label;
  if (!label) return null;
  const labels: LabelDatum[] = [];
  for (const feature of data.features) {
    const properties = feature.properties ?? {};
    const text = properties[label.property];
    if (typeof text !== 'string' || text === '') continue;
    const position: [number, number] | null =
      feature.geometry.type === 'Point'
        ? (feature.geometry.coordinates as [number, number])
        : typeof properties.label_lon === 'number'
          ? [properties.label_lon, properties.label_lat as number]
          : null;
    if (position) labels.push({ position, text, size: label.size, color: label.color, minZoom: label.minZoom });
  }
  return labels;
}

/** How a map draws its labels: the theme's halo (and colour, if it sets one) and a size multiplier. */
export interface LabelStyle {
  outline: [number, number, number, number];
  color?: [number, number, number];
  scale: number;
}

/**
 * Chinese labels drawn by deck.gl from the browser's own fonts (no glyph server, works offline), in the overlay
 * above every maplibre symbol, each in a halo.
 */
export function labelLayer(layer: LayerName, data: LabelDatum[], zoom: number, style: LabelStyle): TextLayer<LabelDatum> {
  return new TextLayer<LabelDatum>({
    id: `labels-${layer}`,
    data: data.filter((d) => zoom >= d.minZoom),
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: (d) => d.size * style.scale,
    getColor: (d) => [...(style.color ?? d.color), 255],
    characterSet: 'auto',
    fontFamily: LABEL_FONT,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 4,
    outlineColor: style.outline,
    getPixelOffset: layer === 'villages' ? [0, 0] : [0, -16 * style.scale],
    sizeUnits: 'pixels',
    updateTriggers: { data: zoom },
  });
}
