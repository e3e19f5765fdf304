import { colorByProperty, enumLegend } from './style-helpers';
import type { MapLayerDefinition } from './types';

const BY_KIND: Record<string, string> = {
  micro_station: '#e53935',
  volunteer_team: '#fb8c00',
  township_brigade: '#b71c1c',
  county_station: '#6a1b9a',
};

export const stationsLayer: MapLayerDefinition = {
  id: 'stations',
  title: 'layer.stations',
  source: 'geojson',
  defaultVisible: true,
  styleLayers: () => [
    {
      id: 'stations-circle',
      type: 'circle',
      paint: {
        'circle-color': colorByProperty('kind', BY_KIND),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        // Brigades and the county station are drawn larger than village micro stations.
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          11,
          ['match', ['get', 'kind'], ['township_brigade', 'county_station'], 7, 4.5],
          16,
          ['match', ['get', 'kind'], ['township_brigade', 'county_station'], 12, 8],
        ],
      },
    },
  ],
  legend: () => enumLegend('circle', 'station_kind', BY_KIND, '#ffffff'),
  nameProperty: 'name',
  detailFields: [
    { property: 'code', format: 'text' },
    { property: 'kind', format: { enumGroup: 'station_kind' } },
    { property: 'staff', format: 'number' },
    { property: 'vehicles', format: 'number' },
    { property: 'vehicle_type', format: 'text' },
    { property: 'speed_kmh', format: 'number' },
  ],
  label: { property: 'name', minZoom: 14, size: 14, color: [140, 20, 20] },
};
