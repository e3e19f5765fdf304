import { colorByProperty } from './style-helpers';
import type { MapLayerDefinition } from './types';

const BY_STATE = { ok: '#2e7d32', narrow: '#ef8f00', blocked: '#c62828' } as const;

export const passagesLayer: MapLayerDefinition = {
  id: 'passages',
  title: 'layer.passages',
  source: 'geojson',
  defaultVisible: true,
  styleLayers: () => [
    {
      id: 'passages-line',
      type: 'line',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': colorByProperty('width_class', BY_STATE),
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          12,
          ['match', ['get', 'class'], 'town_road', 2.5, 'village_road', 1.6, 1],
          17,
          ['match', ['get', 'class'], 'town_road', 9, 'village_road', 6, 3.5],
        ],
      },
    },
  ],
  legend: () => [
    { shape: 'line', color: BY_STATE.ok, label: { message: 'legend.passage.ok' } },
    { shape: 'line', color: BY_STATE.narrow, label: { message: 'legend.passage.narrow' } },
    { shape: 'line', color: BY_STATE.blocked, label: { message: 'legend.passage.blocked' } },
  ],
  nameProperty: 'name',
  detailFields: [
    { property: 'code', format: 'text' },
    { property: 'class', format: { enumGroup: 'class' } },
    { property: 'width_class', format: { enumGroup: 'width_class' } },
    { property: 'clear_width_m', format: 'number' },
    { property: 'clear_height_m', format: 'number' },
    { property: 'surface', format: { enumGroup: 'surface' } },
    { property: 'has_turnaround', format: 'bool' },
    { property: 'slope_pct', format: 'number' },
    { property: 'open_obstacles', format: 'number' },
  ],
};
