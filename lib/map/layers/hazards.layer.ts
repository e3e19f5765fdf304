import type { ExpressionSpecification } from 'maplibre-gl';
import { circleLayer, colorByProperty, enumLegend } from './style-helpers';
import type { MapLayerDefinition } from './types';

const BY_SEVERITY: Record<string, string> = { major: '#d50000', general: '#ffab00' };
const OVERDUE_RING = '#212121';

// Overdue hazards carry a thick dark ring so they stand out at a glance on the wall screen.
const stroke: ExpressionSpecification = ['case', ['get', 'overdue'], OVERDUE_RING, '#ffffff'];

export const hazardsLayer: MapLayerDefinition = {
  id: 'hazards',
  title: 'layer.hazards',
  source: 'geojson',
  defaultVisible: true,
  styleLayers: () => [
    circleLayer('hazards-circle', colorByProperty('severity', BY_SEVERITY), {
      radius: 6,
      stroke,
      strokeWidth: ['case', ['get', 'overdue'], 3, 1.2],
    }),
  ],
  legend: () => [
    ...enumLegend('circle', 'severity', BY_SEVERITY),
    { shape: 'circle', color: '#ffffff', outline: OVERDUE_RING, label: { message: 'legend.hazard.overdue' } },
  ],
  nameProperty: 'code',
  detailFields: [
    { property: 'category', format: { enumGroup: 'category' } },
    { property: 'severity', format: { enumGroup: 'severity' } },
    { property: 'status', format: { enumGroup: 'hazard_status' } },
    { property: 'place_type', format: { enumGroup: 'place_type' } },
    { property: 'description', format: 'text' },
    { property: 'criterion', format: 'text' },
    { property: 'found_on', format: 'date' },
    { property: 'deadline', format: 'date' },
    { property: 'overdue', format: 'bool' },
    { property: 'responsible_person', format: 'text' },
  ],
};
