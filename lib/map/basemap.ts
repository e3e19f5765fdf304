/**
 * Which basemap the map draws under the data. With nothing configured the map uses only the product's own
 * data (village areas, roads, water, labels) and makes no request outside its own origin: government
 * intranets often have no internet. An online basemap is used only when configured here.
 */
export type BasemapConfig =
  | { kind: 'offline' }
  | { kind: 'raster'; name: string; tiles: string[]; attribution: string; overlayTiles?: string[] };

export function basemapFromEnvironment(env: NodeJS.ProcessEnv = process.env): BasemapConfig {
  const tiandituKey = env.TIANDITU_KEY?.trim();
  if (tiandituKey) {
    // 天地图 WMTS in web mercator (vec_w: vector map, cva_w: Chinese annotation), servers t0–t7.
    const wmts = (layer: string) =>
      [0, 1, 2, 3, 4, 5, 6, 7].map(
        (n) =>
          `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
          `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tiandituKey)}`,
      );
    return {
      kind: 'raster',
      name: '天地图',
      tiles: wmts('vec'),
      overlayTiles: wmts('cva'),
      attribution: '© 天地图 · 国家地理信息公共服务平台',
    };
  }
  const rasterUrl = env.BASEMAP_RASTER_URL?.trim();
  if (rasterUrl) {
    return {
      kind: 'raster',
      name: env.BASEMAP_NAME?.trim() || 'Raster basemap',
      tiles: [rasterUrl],
      attribution: env.BASEMAP_ATTRIBUTION?.trim() || rasterUrl.replace(/^(https?:\/\/[^/]+).*/, '$1'),
    };
  }
  return { kind: 'offline' };
}
