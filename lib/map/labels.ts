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

/** Pixels a label is lifted above its point (points); area labels sit on their label point. */
export function labelLift(layer: LayerName, scale: number): number {
  return layer === 'villages' ? 0 : 16 * scale;
}

/** Width of a label in pixels, near enough for collisions: CJK glyphs are square, Latin and digits about half as wide. */
function labelWidth(text: string, size: number): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? size : size * 0.6;
  return width;
}

export interface LabelCandidate {
  layer: LayerName;
  datum: LabelDatum;
}

/**
 * The labels to draw at this zoom, placed greedily in the order given (most important first): a label whose
 * box, halo included, would overlap one already placed is left out, so labels never cover each other.
 * Panning keeps the pixel offsets between labels, so this depends on the zoom only.
 */
export function declutter(
  candidates: readonly LabelCandidate[],
  project: (position: [number, number]) => { x: number; y: number },
  scale: number,
): Map<LayerName, LabelDatum[]> {
  const placed: { left: number; right: number; top: number; bottom: number }[] = [];
  const kept = new Map<LayerName, LabelDatum[]>();
  const halo = 4;
  for (const { layer, datum } of candidates) {
    const size = datum.size * scale;
    const { x, y: anchorY } = project(datum.position);
    const y = anchorY - labelLift(layer, scale);
    const halfWidth = labelWidth(datum.text, size) / 2 + halo;
    const halfHeight = (size * 1.2) / 2 + halo;
    const box = { left: x - halfWidth, right: x + halfWidth, top: y - halfHeight, bottom: y + halfHeight };
    if (placed.some((o) => box.left < o.right && o.left < box.right && box.top < o.bottom && o.top < box.bottom)) continue;
    placed.push(box);
    kept.set(layer, [...(kept.get(layer) ?? []), datum]);
  }
  return kept;
}

/** How a map draws its labels: the theme's halo (and colour, if it sets one) and a size multiplier. */
export interface LabelStyle {
  outline: [number, number, number, number];
  color?: [number, number, number];
  scale: number;
}

/**
 * Chinese labels (already decluttered for this zoom) drawn by deck.gl from the browser's own fonts (no glyph server, works offline), in the overlay
 * above every maplibre symbol, each in a halo.
 */
export function labelLayer(layer: LayerName, data: LabelDatum[], style: LabelStyle): TextLayer<LabelDatum> {
  return new TextLayer<LabelDatum>({
    id: `labels-${layer}`,
    data,
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: (d) => d.size * style.scale,
    getColor: (d) => [...(style.color ?? d.color), 255],
    characterSet: 'auto',
    fontFamily: LABEL_FONT,
    fontWeight: 600,
    // A wide halo (in units of the 48 px atlas font: 10 ≈ 3 px at 15 px) keeps names readable over symbols.
    fontSettings: { sdf: true, fontSize: 48, buffer: 12, radius: 16 },
    outlineWidth: 10,
    outlineColor: style.outline,
    getPixelOffset: [0, -labelLift(layer, style.scale)],
    sizeUnits: 'pixels',
  });
}
