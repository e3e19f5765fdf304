import { circleLayer, colorByProperty, enumLegend } from './style-helpers';
import type { MapLayerDefinition } from './types';

const BY_STATUS: Record<string, string> = { open: '#b71c1c', cleared: '#9e9e9e' };

export const obstaclesLayer: MapLayerDefinition = {
  id: 'obstacles',
  title: 'layer.obstacles',
  source: 'geojson',
  defaultVisible: true,
  styleLayers: () => [circleLayer('obstacles-circle', colorByProperty('status', BY_STATUS), { radius: 4, stroke: '#ffe082' })],
  legend: () => enumLegend('circle', 'obstacle_status', BY_STATUS, '#ffe082'),
  nameProperty: 'code',
  detailFields: [
    { property: 'obstacle_type', format: { enumGroup: 'obstacle_type' } },
    { property: 'status', format: { enumGroup: 'obstacle_status' } },
    { property: 'passage_code', format: 'text' },
    { property: 'found_on', format: 'date' },
    { property: 'cleared_on', format: 'date' },
    { property: 'note', format: 'text' },
  ],
};
