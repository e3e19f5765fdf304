import type { MapLayerDefinition } from './types';

export const strawStacksLayer: MapLayerDefinition = {
  id: 'straw-stacks',
  title: 'layer.straw-stacks',
  source: 'geojson',
  defaultVisible: false,
  styleLayers: () => [{ id: 'straw-stacks-fill', type: 'fill', paint: { 'fill-color': '#d4a017', 'fill-outline-color': '#7a5c00' } }],
  legend: () => [{ shape: 'fill', color: '#d4a017', outline: '#7a5c00', label: { message: 'layer.straw-stacks' } }],
  nameProperty: 'code',
  detailFields: [
    { property: 'size', format: { enumGroup: 'size' } },
    { property: 'volume_m3', format: 'number' },
  ],
};
