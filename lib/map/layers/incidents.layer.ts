import { circleLayer, colorByProperty } from './style-helpers';
import type { LegendEntry, MapLayerDefinition } from './types';

// Older fires fade, this year's are darkest.
const BY_YEAR: Record<string, string> = {
  '2021': '#ffe0b2',
  '2022': '#ffcc80',
  '2023': '#ffa726',
  '2024': '#fb8c00',
  '2025': '#e65100',
  '2026': '#8d2600',
};

export const incidentsLayer: MapLayerDefinition = {
  id: 'incidents',
  title: 'layer.incidents',
  source: 'geojson',
  defaultVisible: false,
  styleLayers: () => [circleLayer('incidents-circle', colorByProperty('year', BY_YEAR), { radius: 5, stroke: '#5d1a00' })],
  legend: () =>
    Object.entries(BY_YEAR).map(
      ([year, color]): LegendEntry => ({ shape: 'circle', color, outline: '#5d1a00', label: { enumGroup: 'year', code: year } }),
    ),
  nameProperty: 'code',
  detailFields: [
    { property: 'occurred_on', format: 'date' },
    { property: 'cause', format: { enumGroup: 'cause' } },
    { property: 'loss_yuan', format: 'number' },
    { property: 'deaths', format: 'number' },
    { property: 'injuries', format: 'number' },
    { property: 'description', format: 'text' },
  ],
};
