import { circleLayer, colorByProperty, enumLegend } from './style-helpers';
import type { MapLayerDefinition } from './types';

const BY_KIND: Record<string, string> = {
  key_unit: '#c2185b',
  crowded: '#8e24aa',
  nine_small: '#f4511e',
  distillery: '#6d4c41',
  packaging: '#546e7a',
  farm: '#7cb342',
  other: '#90a4ae',
};

export const unitsLayer: MapLayerDefinition = {
  id: 'units',
  title: 'layer.units',
  source: 'geojson',
  defaultVisible: false,
  styleLayers: () => [circleLayer('units-circle', colorByProperty('kind', BY_KIND), { radius: 4.5 })],
  legend: () => enumLegend('circle', 'unit_kind', BY_KIND, '#ffffff'),
  nameProperty: 'name',
  detailFields: [
    { property: 'code', format: 'text' },
    { property: 'kind', format: { enumGroup: 'unit_kind' } },
    { property: 'building_code', format: 'text' },
    { property: 'responsible_person', format: 'text' },
    { property: 'trained_persons', format: 'number' },
    { property: 'drills_per_year', format: 'number' },
  ],
};
