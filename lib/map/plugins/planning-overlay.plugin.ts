import type { ExpressionSpecification } from 'maplibre-gl';
import { geometryBbox } from '../../geo';
import type { LegendEntry } from '../layers/types';
import { EMPTY } from '../map-style';
import { PluginBase } from './plugin-base';
import type { MapPluginContext, OverlayLayer } from './types';

type Collection = GeoJSON.FeatureCollection;

const SOURCES = ['plan-fixes', 'plan-segments', 'plan-resolved', 'plan-newly', 'plan-links', 'plan-sites', 'plan-suggested', 'plan-focus'];
const zoomWidth = (low: number, high: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 12, low, 17, high];
// Saved fixes: new links (dashed) and the segments other fixes change, coloured by status.
const FIX_COLORS = { plan: '#1565c0', in_progress: '#ef6c00', done: '#2e7d32' } as const;
const FIX_STATUS = [
  'match',
  ['get', 'status'],
  'plan',
  FIX_COLORS.plan,
  'in_progress',
  FIX_COLORS.in_progress,
  FIX_COLORS.done,
] as ExpressionSpecification;
const SEGMENT_COLORS = { cutsOff: '#d50000', substandard: '#ff9800' } as const;
const WHAT_IF_GREEN = '#00c853';
const LINK_BLUE = '#1565c0';
const SUGGESTED = '#6a1b9a';
const SITE_COLORS = { water: '#0288d1', station: '#ef6c00' } as const;

/** What the planner's marks mean, from the same colours the layers below draw with. */
export const PLANNING_LEGEND: LegendEntry[] = [
  { shape: 'line', color: SEGMENT_COLORS.cutsOff, label: { message: 'legend.plan.cutsOff' } },
  { shape: 'line', color: SEGMENT_COLORS.substandard, label: { message: 'legend.plan.substandard' } },
  { shape: 'line', color: FIX_COLORS.plan, dashed: true, label: { message: 'legend.plan.fixPlanned' } },
  { shape: 'line', color: FIX_COLORS.in_progress, dashed: true, label: { message: 'legend.plan.fixInProgress' } },
  { shape: 'line', color: FIX_COLORS.done, dashed: true, label: { message: 'legend.plan.fixDone' } },
  { shape: 'line', color: LINK_BLUE, dashed: true, label: { message: 'legend.plan.newLink' } },
  { shape: 'line', color: WHAT_IF_GREEN, label: { message: 'legend.plan.resolved' } },
  { shape: 'fill', color: WHAT_IF_GREEN, outline: '#1b5e20', label: { message: 'legend.plan.newlyReachable' } },
  { shape: 'circle', color: SITE_COLORS.water, outline: '#ffffff', label: { message: 'legend.plan.waterSite' } },
  { shape: 'circle', color: SITE_COLORS.station, outline: '#ffffff', label: { message: 'legend.plan.stationSite' } },
  { shape: 'circle', color: SUGGESTED, outline: '#ffffff', label: { message: 'legend.plan.suggested' } },
];

const LAYERS: OverlayLayer[] = [
  {
    id: 'plan-segments',
    type: 'line',
    source: 'plan-segments',
    layout: { 'line-cap': 'round' },
    paint: {
      'line-color': ['case', ['>', ['get', 'cut_off'], 0], SEGMENT_COLORS.cutsOff, SEGMENT_COLORS.substandard],
      'line-width': zoomWidth(2, 7),
      'line-opacity': 0.85,
    },
  },
  {
    id: 'plan-fixes',
    type: 'line',
    source: 'plan-fixes',
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': FIX_STATUS, 'line-width': zoomWidth(2, 6), 'line-dasharray': [2, 1] },
  },
  {
    id: 'plan-fixes-points',
    type: 'circle',
    source: 'plan-fixes',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 7, 'circle-color': FIX_STATUS, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  },
  {
    id: 'plan-newly',
    type: 'fill',
    source: 'plan-newly',
    paint: { 'fill-color': WHAT_IF_GREEN, 'fill-opacity': 0.75, 'fill-outline-color': '#1b5e20' },
  },
  { id: 'plan-newly-outline', type: 'line', source: 'plan-newly', paint: { 'line-color': '#1b5e20', 'line-width': 2 } },
  {
    id: 'plan-resolved',
    type: 'line',
    source: 'plan-resolved',
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': WHAT_IF_GREEN, 'line-width': zoomWidth(3, 9) },
  },
  {
    id: 'plan-links',
    type: 'line',
    source: 'plan-links',
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': LINK_BLUE, 'line-width': zoomWidth(3, 8), 'line-dasharray': [1.5, 1] },
  },
  {
    id: 'plan-suggested',
    type: 'circle',
    source: 'plan-suggested',
    paint: { 'circle-radius': 9, 'circle-color': SUGGESTED, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  },
  {
    id: 'plan-sites',
    type: 'circle',
    source: 'plan-sites',
    paint: {
      'circle-radius': 10,
      'circle-color': ['match', ['get', 'kind'], 'water', SITE_COLORS.water, SITE_COLORS.station],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 3,
    },
  },
  {
    id: 'plan-focus',
    type: 'line',
    source: 'plan-focus',
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': '#00e5ff', 'line-width': 12, 'line-opacity': 0.55 },
  },
];

/**
 * The planner's marks over the shared map: segments to fix, the what-if result (newly reachable buildings, new
 * links, resolved segments), saved fixes, candidate and suggested sites, the focused segment.
 */
export class PlanningOverlayPlugin extends PluginBase {
  protected setUp(context: MapPluginContext): void {
    for (const id of SOURCES) context.addSource(id);
    for (const layer of LAYERS) context.addLayer(layer);
  }

  private set(source: string, data: Collection): Promise<void> {
    return this.whenAttached((context) => context.setData(source, data));
  }

  setSegments(data: Collection): Promise<void> {
    return this.set('plan-segments', data);
  }

  /** The what-if result: newly reachable footprints, new links as joined, resolved segments (green). */
  async setWhatIf(newly: Collection | null, links: Collection | null, resolved: Collection | null): Promise<void> {
    await Promise.all([
      this.set('plan-newly', newly ?? EMPTY),
      this.set('plan-links', links ?? EMPTY),
      this.set('plan-resolved', resolved ?? EMPTY),
    ]);
  }

  setFixes(data: Collection): Promise<void> {
    return this.set('plan-fixes', data);
  }

  setSites(data: Collection): Promise<void> {
    return this.set('plan-sites', data);
  }

  setSuggested(data: Collection): Promise<void> {
    return this.set('plan-suggested', data);
  }

  setFocus(geometry: GeoJSON.Geometry | null): Promise<void> {
    return this.set(
      'plan-focus',
      geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : EMPTY,
    );
  }

  /** Fits the map to a geometry, keeping it clear of the what-if panel on the right. */
  fit(geometry: GeoJSON.Geometry): Promise<void> {
    return this.whenAttached((context) => {
      const right = context.width() > 900 ? 460 : 60;
      context.fitBounds(geometryBbox(geometry), { padding: { top: 80, bottom: 80, left: 80, right }, maxZoom: 18 });
    });
  }
}
