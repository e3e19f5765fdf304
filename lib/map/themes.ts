import type { MapTheme } from './types';

/** The colours a theme gives the offline basemap, and the data layers' paint it overrides. */
export interface ThemePalette {
  land: string;
  villageArea: string;
  roads: string;
  water: string;
  /** Style layer id → paint property → value, applied over the layers' own paint. */
  paint: Record<string, Record<string, string | number>>;
  labelOutline: [number, number, number, number];
  /** The labels' own colour, over each layer's (a dark map wants light text in a dark halo). */
  labelColor?: [number, number, number];
}

export const THEMES: Record<MapTheme, ThemePalette> = {
  light: {
    land: '#f2efe6',
    villageArea: '#e3ead8',
    roads: '#ffffff',
    water: '#bcdcf0',
    paint: {},
    labelOutline: [255, 255, 255, 230],
  },
  // The wall screen: a dark, low-contrast town so that blocked passages, hazards and gaps stand out.
  dark: {
    land: '#06111e',
    villageArea: '#0d2236',
    roads: '#28425c',
    water: '#1e5a85',
    paint: {
      'villages-fill': { 'fill-color': '#12314d' },
      'villages-outline': { 'line-color': '#4fc3f7' },
    },
    labelOutline: [6, 17, 30, 255],
    labelColor: [234, 246, 255],
  },
};
