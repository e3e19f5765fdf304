import type { ExpressionSpecification } from 'maplibre-gl';
import type { HazardStatus } from '../../domain/enums';
import { colorByProperty } from './style-helpers';
import type { PageLayerDefinition } from './types';

/** One colour per rectification status: the map's dots, the legend, the status chips and the tabs. */
export const HAZARD_STATUS_COLORS: Record<HazardStatus, string> = {
  pending: '#e65100',
  in_progress: '#1e88e5',
  awaiting_review: '#8e24aa',
  closed: '#2e7d32',
};
export const HAZARD_OVERDUE_RING = '#d50000';

const zoomRadius = (base: number): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 11, base * 0.7, 17, base * 1.5];

/** The hazards of the hazards page's list (its filter), coloured by status, overdue ones ringed red. */
export const hazardsByStatusLayer: PageLayerDefinition<'hazards-by-status'> = {
  id: 'hazards-by-status',
  styleLayers: () => [
    // The ring is drawn under the dot so the status colour stays readable.
    {
      id: 'hazards-by-status-overdue',
      type: 'circle',
      filter: ['==', ['get', 'overdue'], true],
      paint: {
        'circle-radius': zoomRadius(10),
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': HAZARD_OVERDUE_RING,
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: 'hazards-by-status-circle',
      type: 'circle',
      paint: {
        // Major hazards are drawn a little larger (one zoom interpolation, the size chosen inside it).
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          11,
          ['case', ['==', ['get', 'severity'], 'major'], 5, 4],
          17,
          ['case', ['==', ['get', 'severity'], 'major'], 10.5, 8],
        ],
        'circle-color': colorByProperty('status', HAZARD_STATUS_COLORS),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  ],
  legend: () => [
    ...Object.entries(HAZARD_STATUS_COLORS).map(([code, color]) => ({
      shape: 'circle' as const,
      color,
      outline: '#ffffff',
      label: { enumGroup: 'hazard_status', code },
    })),
    { shape: 'circle', color: 'transparent', outline: HAZARD_OVERDUE_RING, label: { message: 'hz.overdue' } },
  ],
};
