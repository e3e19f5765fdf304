'use client';

import { useEffect, useRef } from 'react';
import type { Bbox } from '@/lib/geo';
import type { BasemapConfig } from '@/lib/map/basemap';
import { mapControlText } from '@/lib/map/control-text';
import type { LayerName } from '@/lib/map/layer-names';
import type { PageLayerDefinition, PageLayerName, StyleOptions } from '@/lib/map/layers';
import type { MapController, MapLayerId, MapState, MapTheme, PickedFeature } from '@/lib/map/map-controller';
import type { DevicePosition, LocatePlugin } from '@/lib/map/plugins/locate.plugin';
import { useLocale } from './i18n-context';
import { LocateButton } from './LocateButton';

export interface MapViewProps {
  basemap: BasemapConfig;
  offlineAttribution: string;
  bounds: Bbox;
  visible: ReadonlySet<LayerName>;
  styleOptions: StyleOptions;
  theme?: MapTheme;
  /** Label size multiplier (see MapControllerOptions). */
  labelScale?: number;
  pageLayers?: readonly PageLayerDefinition<PageLayerName>[];
  pickable?: readonly MapLayerId[];
  /** The container's test id (pages with their own map name it). */
  testId?: string;
  /** What a click means now, shown on the container for tests and styling (`data-mode`). */
  mode?: string;
  /** Shows the "where am I" button (pages used in the field). */
  locate?: boolean;
  onReady(controller: MapController): void;
  onFeatureClick(picked: PickedFeature | null): void;
  onViewChange(bbox: Bbox): void;
  onStateChange(state: MapState): void;
}

// Start downloading the map code as soon as this module loads in the browser, not after the first render.
const mapControllerModule = typeof window === 'undefined' ? null : import('@/lib/map/map-controller');

/**
 * Hosts the map. The controller (loaded only in the browser) owns maplibre; React only passes intents. The
 * options are read once, when the map is made; callbacks always reach the latest props.
 */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const locator = useRef<LocatePlugin | null>(null);
  // The map is made once, in the language of the page it is made on.
  const locale = useRef(useLocale());

  useEffect(() => {
    let controller: MapController | null = null;
    let cancelled = false;
    void (mapControllerModule ?? import('@/lib/map/map-controller')).then(({ MapController }) => {
      if (cancelled || !container.current) return;
      const initial = latest.current;
      controller = new MapController(container.current, {
        basemap: initial.basemap,
        offlineAttribution: initial.offlineAttribution,
        controlText: mapControlText(locale.current),
        theme: initial.theme,
        labelScale: initial.labelScale,
        bounds: initial.bounds,
        visible: initial.visible,
        styleOptions: initial.styleOptions,
        pageLayers: initial.pageLayers,
        pickable: initial.pickable,
        onFeatureClick: (picked) => latest.current.onFeatureClick(picked),
        onViewChange: (bbox) => latest.current.onViewChange(bbox),
        onStateChange: (state) => {
          if (container.current) container.current.dataset.state = state;
          latest.current.onStateChange(state);
        },
      });
      initial.onReady(controller);
      if (initial.locate) {
        const ready = controller;
        void import('@/lib/map/plugins/locate.plugin').then(({ LocatePlugin }) => {
          if (cancelled) return;
          locator.current = new LocatePlugin();
          ready.use(locator.current);
        });
      }
    });
    return () => {
      cancelled = true;
      controller?.destroy();
    };
  }, []);

  const showPosition = (position: DevicePosition) => void locator.current?.show(position);
  return (
    <>
      <div ref={container} className="map" data-testid={props.testId ?? 'map'} data-state="loading" data-mode={props.mode} />
      {props.locate && <LocateButton onLocated={showPosition} />}
    </>
  );
}
