import { colorByProperty, enumLegend } from './style-helpers';
import type { MapLayerDefinition, StyleOptions } from './types';

const BY_USE: Record<string, string> = {
  residential: '#b0a48f',
  business: '#e07b39',
  factory: '#7e57c2',
  warehouse: '#8d6e63',
  public: '#3f7fbf',
};
// Low fire-resistance grades in hot colours: they drive the spacing and cluster problems.
const BY_GRADE: Record<string, string> = { '1-2': '#7fa37a', '3': '#f0a640', '4': '#d64532' };

const PLAIN = '#cfc8bb';

const colors = ({ buildingColorMode }: StyleOptions) => (buildingColorMode === 'use' ? BY_USE : BY_GRADE);

export const buildingsLayer: MapLayerDefinition = {
  id: 'buildings',
  title: 'layer.buildings',
  source: 'tiles',
  defaultVisible: true,
  styleLayers: (options) => [
    {
      id: 'buildings-fill',
      type: 'fill',
      'source-layer': 'buildings',
      minzoom: 12,
      paint: {
        // Plain: quiet footprints under other data (the hazards page's dots), still pickable.
        'fill-color': options.buildingColorMode === 'plain' ? PLAIN : colorByProperty(options.buildingColorMode, colors(options)),
        'fill-opacity': 0.9,
        'fill-outline-color': options.buildingColorMode === 'plain' ? '#b3ab9c' : '#5d5142',
      },
    },
  ],
  legend: (options) =>
    options.buildingColorMode === 'plain'
      ? [{ shape: 'fill', color: PLAIN, outline: '#b3ab9c', label: { message: 'layer.buildings' } }]
      : enumLegend('fill', options.buildingColorMode, colors(options), '#5d5142'),
  nameProperty: 'name',
  detailFields: [
    { property: 'code', format: 'text' },
    { property: 'use', format: { enumGroup: 'use' } },
    { property: 'nine_small_category', format: { enumGroup: 'nine_small_category' } },
    { property: 'shop_front_home_back', format: 'bool' },
    { property: 'shop_below_home_above', format: 'bool' },
    { property: 'three_in_one', format: 'bool' },
    { property: 'fire_grade', format: { enumGroup: 'fire_grade' } },
    { property: 'structure', format: { enumGroup: 'structure' } },
    { property: 'floors', format: 'number' },
    { property: 'height_m', format: 'number' },
    { property: 'through_stair', format: 'bool' },
    { property: 'occupants', format: 'number' },
    { property: 'vulnerable_residents', format: 'number' },
    { property: 'has_smoke_alarm', format: 'bool' },
    { property: 'has_extinguisher', format: 'bool' },
    { property: 'responsible_person', format: 'text' },
    { property: 'built_year', format: 'text' },
  ],
};
