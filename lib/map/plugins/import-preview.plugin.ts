import type { ExpressionSpecification } from 'maplibre-gl';
import { geometryBbox, unionBbox } from '../../geo';
import type { LegendEntry } from '../layers/types';
import { EMPTY } from '../map-style';
import { PluginBase } from './plugin-base';
import type { MapPluginContext, OverlayLayer } from './types';

/** How a file's feature compares with the stored layer, as the import preview says (`_match` of each feature). */
export const MATCH_COLORS = { new: '#2e7d32', changed: '#ef6c00', unchanged: '#78909c', missing: '#6a1b9a', invalid: '#d50000' } as const;
const BY_MATCH = [
  'match',
  ['get', '_match'],
  'new',
  MATCH_COLORS.new,
  'changed',
  MATCH_COLORS.changed,
  'missing',
  MATCH_COLORS.missing,
  'invalid',
  MATCH_COLORS.invalid,
  MATCH_COLORS.unchanged,
] as ExpressionSpecification;

export const IMPORT_PREVIEW_LEGEND: LegendEntry[] = (Object.keys(MATCH_COLORS) as (keyof typeof MATCH_COLORS)[]).map((match) => ({
  shape: 'fill',
  color: MATCH_COLORS[match],
  outline: MATCH_COLORS[match],
  label: { message: `import.match.${match}` },
}));

const LAYERS: OverlayLayer[] = [
  {
    id: 'import-preview-fill',
    type: 'fill',
    source: 'import-preview',
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': BY_MATCH, 'fill-opacity': 0.35 },
  },
  {
    id: 'import-preview-line',
    type: 'line',
    source: 'import-preview',
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': BY_MATCH, 'line-width': 2.5 },
  },
  {
    id: 'import-preview-point',
    type: 'circle',
    source: 'import-preview',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 6, 'circle-color': BY_MATCH, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
  },
];

/**
 * The features of an import's preview over the town, coloured by how each compares with what is stored: a file in
 * the wrong coordinate system shows at once as features beside (or far from) the villages.
 */
export class ImportPreviewPlugin extends PluginBase {
  protected setUp(context: MapPluginContext): void {
    context.addSource('import-preview');
    for (const layer of LAYERS) context.addLayer(layer);
  }

  /** Shows the preview's features (null clears them) and fits the map to them and the town. */
  show(features: GeoJSON.FeatureCollection | null, town: [number, number, number, number]): Promise<void> {
    return this.whenAttached((context) => {
      context.setData('import-preview', features ?? EMPTY);
      const boxes = (features?.features ?? []).flatMap((feature) => (feature.geometry ? [geometryBbox(feature.geometry)] : []));
      if (boxes.length === 0) return;
      context.fitBounds(unionBbox([town, ...boxes]), { padding: { top: 40, bottom: 40, left: 40, right: 40 }, maxZoom: 17 });
    });
  }
}
