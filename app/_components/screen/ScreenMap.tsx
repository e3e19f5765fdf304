'use client';

import { useMemo } from 'react';
import type { Bbox } from '@/lib/geo';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { LayerName } from '@/lib/map/layer-names';
import type { MapController } from '@/lib/map/map-controller';
import { MapView } from '../MapView';

const SCREEN_LAYERS: LayerName[] = ['villages', 'passages', 'obstacles', 'hazards'];

/** Paint overrides that turn the offline basemap dark for the wall screen (layers absent with an online basemap are skipped). */
const DARK_PAINT: [layer: string, property: string, value: string | number][] = [
  ['basemap-land', 'background-color', '#06111e'],
  ['basemap-village-area', 'fill-color', '#0d2236'],
  ['basemap-roads', 'line-color', '#28425c'],
  ['basemap-water', 'circle-color', '#1e5a85'],
  ['villages-fill', 'fill-color', '#12314d'],
  ['villages-outline', 'line-color', '#4fc3f7'],
];

function darken(controller: MapController): void {
  const map = controller.map;
  const apply = () => {
    for (const [layer, property, value] of DARK_PAINT) {
      if (map.getLayer(layer)) map.setPaintProperty(layer, property as 'fill-color', value as never);
    }
  };
  if (map.isStyleLoaded()) apply();
  else map.once('style.load', apply);
}

/**
 * The screen's map: villages, passages (blocked in red), obstacles and open hazards, on a dark basemap, with the
 * brigade's response-time gap areas drawn over it.
 */
export function ScreenMap({
  basemap,
  attribution,
  bounds,
  onReady,
}: {
  basemap: BasemapConfig;
  attribution: string;
  bounds: Bbox;
  onReady(controller: MapController): void;
}) {
  const visible = useMemo(() => new Set(SCREEN_LAYERS), []);
  return (
    <MapView
      basemap={basemap}
      offlineAttribution={attribution}
      bounds={bounds}
      visible={visible}
      styleOptions={{ buildingColorMode: 'use' }}
      onReady={(controller) => {
        darken(controller);
        onReady(controller);
        void fetch('/api/v1/stats/coverage-gaps')
          .then((response) => (response.ok ? (response.json() as Promise<GeoJSON.FeatureCollection>) : null))
          .then((gaps) => gaps && controller.setFindings(gaps))
          .catch(() => {});
      }}
      onFeatureClick={() => {}}
      onViewChange={() => {}}
      onStateChange={() => {}}
    />
  );
}
