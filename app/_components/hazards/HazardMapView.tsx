'use client';

import { useEffect, useRef } from 'react';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { HazardMap, HazardMapOptions } from './hazard-map';

export interface HazardMapViewProps extends Omit<HazardMapOptions, 'basemap'> {
  basemap: BasemapConfig;
  onReady(map: HazardMap): void;
}

// Start loading the map code (maplibre, terra-draw) as soon as this module loads in the browser.
const mapModule = typeof window === 'undefined' ? null : import('./hazard-map');

/** Hosts the hazards map; callbacks always reach the latest props. */
export function HazardMapView(props: HazardMapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let map: HazardMap | null = null;
    let cancelled = false;
    void (mapModule ?? import('./hazard-map')).then(({ HazardMap }) => {
      if (cancelled || !container.current) return;
      const initial = latest.current;
      map = new HazardMap(container.current, {
        basemap: initial.basemap,
        offlineAttribution: initial.offlineAttribution,
        bounds: initial.bounds,
        onHazardClick: (id) => latest.current.onHazardClick(id),
        onPointClick: (lon, lat, buildingId) => latest.current.onPointClick(lon, lat, buildingId),
        onAreaDrawn: (geometry) => latest.current.onAreaDrawn(geometry),
        onStateChange: (state) => {
          if (container.current) container.current.dataset.state = state;
          latest.current.onStateChange(state);
        },
      });
      initial.onReady(map);
    });
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, []);

  return <div ref={container} className="map" data-testid="hazard-map" data-state="loading" data-mode="browse" />;
}
