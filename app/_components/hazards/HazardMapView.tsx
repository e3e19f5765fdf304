'use client';

import { useRef, useState } from 'react';
import type { Bbox } from '@/lib/geo';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { LayerName } from '@/lib/map/layer-names';
import { hazardsByStatusLayer } from '@/lib/map/layers';
import type { MapState } from '@/lib/map/map-controller';
import { MapView } from '../MapView';
import { HazardMap, type HazardMapEvents, type MapMode } from './hazard-map';

export interface HazardMapViewProps extends Omit<HazardMapEvents, 'onModeShown'> {
  basemap: BasemapConfig;
  offlineAttribution: string;
  bounds: Bbox;
  onReady(map: HazardMap): void;
  onHazardClick(id: number): void;
  onStateChange(state: MapState): void;
}

// The same basemap and village labels as the overview; buildings quiet under the hazards, pickable to place one.
const VISIBLE = new Set<LayerName>(['villages', 'buildings']);
const STYLE = { buildingColorMode: 'plain' as const };
const PAGE_LAYERS = [hazardsByStatusLayer];
const PICKABLE = ['hazards-by-status'] as const;

/** Hosts the hazards map: the shared map controller with the page's hazards layer and tools. */
export function HazardMapView(props: HazardMapViewProps) {
  const [shownMode, setShownMode] = useState<MapMode>('browse');
  // The map is made once; its events always reach the latest props.
  const latest = useRef(props);
  latest.current = props;
  const { basemap, offlineAttribution, bounds, onStateChange } = props;
  return (
    <MapView
      locate
      basemap={basemap}
      offlineAttribution={offlineAttribution}
      bounds={bounds}
      visible={VISIBLE}
      styleOptions={STYLE}
      pageLayers={PAGE_LAYERS}
      pickable={PICKABLE}
      testId="hazard-map"
      mode={shownMode}
      onReady={(controller) =>
        latest.current.onReady(
          new HazardMap(controller, {
            onPointClick: (lon, lat, buildingId) => latest.current.onPointClick(lon, lat, buildingId),
            onAreaDrawn: (geometry) => latest.current.onAreaDrawn(geometry),
            onModeShown: setShownMode,
          }),
        )
      }
      onFeatureClick={(picked) => {
        // A click on empty ground keeps the selection: a missed click should not close the detail.
        if (picked?.layer === 'hazards-by-status') latest.current.onHazardClick(Number(picked.id));
      }}
      onViewChange={() => {}}
      onStateChange={onStateChange}
    />
  );
}
