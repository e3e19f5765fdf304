'use client';

import { useMemo } from 'react';
import type { Bbox } from '@/lib/geo';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { LayerName } from '@/lib/map/layer-names';
import type { MapController } from '@/lib/map/map-controller';
import { MapView } from '../MapView';

const SCREEN_LAYERS: LayerName[] = ['villages', 'passages', 'obstacles', 'hazards'];
const STYLE = { buildingColorMode: 'use' as const };
/** Village labels 15 px × 1.4 ≈ 21 px at 1920 wide, twice that at 3840. */
const LABEL_SCALE_AT_1080P = 1.4;

/**
 * The screen's map: villages, passages (blocked in red), obstacles and open hazards, on the dark theme, with the
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
      styleOptions={STYLE}
      theme="dark"
      labelScale={typeof window === 'undefined' ? LABEL_SCALE_AT_1080P : (LABEL_SCALE_AT_1080P * window.innerWidth) / 1920}
      onReady={(controller) => {
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
