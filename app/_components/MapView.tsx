'use client';

import { useEffect, useRef } from 'react';
import type { Bbox } from '@/lib/geo';
import type { BasemapConfig } from '@/lib/map/basemap';
import type { LayerName } from '@/lib/map/layer-names';
import type { StyleOptions } from '@/lib/map/layers';
import type { MapController, PickedFeature } from '@/lib/map/map-controller';

export interface MapViewProps {
  basemap: BasemapConfig;
  offlineAttribution: string;
  bounds: Bbox;
  visible: ReadonlySet<LayerName>;
  styleOptions: StyleOptions;
  onReady(controller: MapController): void;
  onFeatureClick(picked: PickedFeature | null): void;
  onViewChange(bbox: Bbox): void;
  onStateChange(state: 'loading' | 'ready' | 'error'): void;
}

// Start downloading the map code as soon as this module loads in the browser, not after the first render.
const mapControllerModule = typeof window === 'undefined' ? null : import('@/lib/map/map-controller');

/** Hosts the map. The controller (loaded only in the browser) owns maplibre; React only passes intents. */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let controller: MapController | null = null;
    let cancelled = false;
    void (mapControllerModule ?? import('@/lib/map/map-controller')).then(({ MapController }) => {
      if (cancelled || !container.current) return;
      const initial = latest.current;
      controller = new MapController(container.current, {
        basemap: initial.basemap,
        offlineAttribution: initial.offlineAttribution,
        bounds: initial.bounds,
        visible: initial.visible,
        styleOptions: initial.styleOptions,
        onFeatureClick: (picked) => latest.current.onFeatureClick(picked),
        onViewChange: (bbox) => latest.current.onViewChange(bbox),
        onStateChange: (state) => {
          if (container.current) container.current.dataset.state = state;
          latest.current.onStateChange(state);
        },
      });
      initial.onReady(controller);
    });
    return () => {
      cancelled = true;
      controller?.destroy();
    };
  }, []);

  return <div ref={container} className="map" data-testid="map" data-state="loading" />;
}
