import type { MapLayerDefinition } from './types';

export const villagesLayer: MapLayerDefinition = {
  id: 'villages',
  title: 'layer.villages',
  source: 'geojson',
  defaultVisible: true,
  styleLayers: () => [
    { id: 'villages-fill', type: 'fill', paint: { 'fill-color': '#e8efe4', 'fill-opacity': 0.55 } },
    {
      id: 'villages-outline',
      type: 'line',
      paint: { 'line-color': '#6d7f5c', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1, 16, 2.5], 'line-dasharray': [3, 2] },
    },
  ],
  legend: () => [{ shape: 'fill', color: '#e8efe4', outline: '#6d7f5c', label: { message: 'legend.village' } }],
  nameProperty: 'name',
  detailFields: [
    { property: 'code', format: 'text' },
    { property: 'population', format: 'number' },
    { property: 'households', format: 'number' },
    { property: 'is_seat', format: 'bool' },
  ],
  label: { property: 'name', minZoom: 0, size: 15, color: [46, 64, 38] },
};
