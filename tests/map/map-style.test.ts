import { beforeAll, describe, expect, it } from 'vitest';
import { HAZARD_STATUS_COLORS, hazardsByStatusLayer, MAP_LAYERS } from '../../lib/map/layers';
import { initialStyle } from '../../lib/map/map-style';
import type { MapControllerOptions } from '../../lib/map/types';

const options = (extra: Partial<MapControllerOptions> = {}): MapControllerOptions => ({
  basemap: { kind: 'offline' },
  offlineAttribution: '',
  styleOptions: { buildingColorMode: 'use' },
  visible: new Set(['villages', 'buildings']),
  bounds: [112, 37, 112.1, 37.1],
  onFeatureClick: () => {},
  onViewChange: () => {},
  onStateChange: () => {},
  ...extra,
});

const paintOf = (style: ReturnType<typeof initialStyle>, id: string) =>
  (style.layers.find((layer) => layer.id === id) as { paint?: Record<string, unknown> } | undefined)?.paint ?? {};

describe('the map style', () => {
  beforeAll(() => {
    (globalThis as { window?: unknown }).window ??= { location: { origin: 'http://localhost' } };
  });

  it('draws the offline basemap in the light theme by default and dark on request, data layers included', () => {
    const light = initialStyle(options());
    const dark = initialStyle(options({ theme: 'dark' }));
    expect(paintOf(light, 'basemap-land')['background-color']).toBe('#f2efe6');
    expect(paintOf(dark, 'basemap-land')['background-color']).toBe('#06111e');
    expect(paintOf(light, 'villages-fill')['fill-color']).toBe('#e8efe4');
    expect(paintOf(dark, 'villages-fill')['fill-color']).toBe('#12314d');
    // The theme overrides a colour, not the rest of the layer's paint.
    expect(paintOf(dark, 'villages-fill')['fill-opacity']).toBe(0.55);
  });

  it('gives every data layer and every registered page layer a source, page layers on top', () => {
    const style = initialStyle(options({ pageLayers: [hazardsByStatusLayer] }));
    for (const layer of MAP_LAYERS) expect(style.sources[layer.id]).toBeDefined();
    expect(style.sources['hazards-by-status']).toMatchObject({ type: 'geojson' });
    expect(style.layers.at(-1)?.id).toBe('hazards-by-status-circle');
    expect(initialStyle(options()).sources['hazards-by-status']).toBeUndefined();
  });

  it('colours hazards by status from the same table as their legend', () => {
    const legend = hazardsByStatusLayer.legend().filter((entry) => 'code' in entry.label);
    expect(Object.fromEntries(legend.map((entry) => ['code' in entry.label ? entry.label.code : '', entry.color]))).toEqual(
      HAZARD_STATUS_COLORS,
    );
    const circle = hazardsByStatusLayer.styleLayers().find((layer) => layer.id === 'hazards-by-status-circle') as {
      paint: { 'circle-color': unknown[] };
    };
    for (const [status, color] of Object.entries(HAZARD_STATUS_COLORS)) {
      const at = circle.paint['circle-color'].indexOf(status);
      expect(circle.paint['circle-color'][at + 1]).toBe(color);
    }
  });
});
