import type { ExpressionSpecification } from 'maplibre-gl';
import { circleLayer, colorByProperty, enumLegend } from './style-helpers';
import type { MapLayerDefinition } from './types';

const BY_KIND: Record<string, string> = {
  hydrant: '#1565c0',
  pond: '#29b6f6',
  well: '#00897b',
  tank: '#5e35b1',
  river_intake: '#0277bd',
};
const SEASONAL = '#ff9800';
const OUT_OF_SERVICE = '#616161';

// Seasonal sources get an orange ring; sources out of service are grey whatever their kind.
const color: ExpressionSpecification = [
  'case',
  ['==', ['get', 'status'], 'out_of_service'],
  OUT_OF_SERVICE,
  colorByProperty('kind', BY_KIND),
];
const stroke: ExpressionSpecification = ['case', ['get', 'seasonal'], SEASONAL, '#ffffff'];

export const waterSourcesLayer: MapLayerDefinition = {
  id: 'water-sources',
  title: 'layer.water-sources',
  source: 'geojson',
  defaultVisible: true,
  styleLayers: () => [
    circleLayer('water-sources-circle', color, {
      radius: 5.5,
      stroke,
      strokeWidth: ['case', ['get', 'seasonal'], 2.5, 1.2],
    }),
  ],
  legend: () => [
    ...enumLegend('circle', 'water_kind', BY_KIND),
    { shape: 'circle', color: '#ffffff', outline: SEASONAL, label: { message: 'legend.water.seasonal' } },
    { shape: 'circle', color: OUT_OF_SERVICE, label: { message: 'legend.water.outOfService' } },
  ],
  nameProperty: 'name',
  detailFields: [
    { property: 'code', format: 'text' },
    { property: 'kind', format: { enumGroup: 'water_kind' } },
    { property: 'status', format: { enumGroup: 'water_status' } },
    { property: 'capacity_m3', format: 'number' },
    { property: 'usable_months', format: 'months' },
    { property: 'seasonal', format: 'bool' },
  ],
};
