import { z } from 'zod';
import { type BaseLayer, isBaseLayer } from '../domain/base-fields';
import type { Bbox } from '../geo';
import { say } from '../i18n/say';
import { isLayerName, isTileLayerName, type LayerName, type TileLayerName } from '../map/layer-names';
import { BadRequestError } from './errors';
import { requireFeatureId } from './ids';
import { asIssue, pathValue, queryValue } from './query';

/** `bbox=west,south,east,north` in degrees (EPSG:4326), as in OGC API – Features. */
export function parseBbox(value: string | null): Bbox | undefined {
  if (value === null || value === '') return undefined;
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw new BadRequestError(
      say(
        `bbox 必须是四个数“西,南,东,北”，收到的是“${value.slice(0, 100)}”`,
        `bbox must be four numbers "west,south,east,north", got "${value.slice(0, 100)}"`,
      ),
    );
  }
  const [west, south, east, north] = parts as Bbox;
  if (west < -180 || east > 180 || south < -90 || north > 90) {
    throw new BadRequestError(
      say(
        'bbox 必须以度为单位（EPSG:4326）：经度在 ±180 以内，纬度在 ±90 以内',
        'bbox must be in degrees (EPSG:4326): longitude within ±180, latitude within ±90',
      ),
    );
  }
  if (west >= east || south >= north)
    throw new BadRequestError(say('bbox 必须西 < 东、南 < 北', 'bbox must have west < east and south < north'));
  return [west, south, east, north];
}

/** Repeatable `village=<12-digit code>`; every code must be a village we know. */
export function parseVillages(params: URLSearchParams, known: ReadonlySet<string>): string[] {
  const codes = params
    .getAll('village')
    .flatMap((value) => value.split(','))
    .map((code) => code.trim())
    .filter(Boolean);
  for (const code of codes) {
    if (!known.has(code)) throw new BadRequestError(say(`未知村代码“${code.slice(0, 40)}”`, `unknown village code "${code.slice(0, 40)}"`));
  }
  return [...new Set(codes)];
}

export function parseLayer(value: string): LayerName {
  if (!isLayerName(value)) throw new BadRequestError(say(`未知图层“${value.slice(0, 40)}”`, `unknown layer "${value.slice(0, 40)}"`));
  return value;
}

/** A layer the town's files and the data-maintenance page change; hazards and incidents are records, not base data. */
export function parseBaseLayer(value: string): BaseLayer {
  if (!isBaseLayer(value))
    throw new BadRequestError(
      say(`图层“${value.slice(0, 40)}”不能在数据维护中修改`, `layer "${value.slice(0, 40)}" is not edited as base data`),
    );
  return value;
}

export function parseTileLayer(value: string): TileLayerName {
  if (!isTileLayerName(value)) {
    throw new BadRequestError(
      say(
        `图层“${value.slice(0, 40)}”不提供瓦片；请使用 /api/v1/layers/${value.slice(0, 40)}`,
        `layer "${value.slice(0, 40)}" is not served as tiles; use /api/v1/layers/${value.slice(0, 40)}`,
      ),
    );
  }
  return value;
}

const MAX_ZOOM = 22;

/** z/x/y of a web-mercator tile; `y` may carry the `.mvt` suffix. */
export function parseTileAddress(z: string, x: string, y: string): { z: number; x: number; y: number } {
  const numbers = [z, x, y.replace(/\.mvt$/, '')].map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : NaN));
  const [zoom, column, row] = numbers as [number, number, number];
  if (numbers.some(Number.isNaN))
    throw new BadRequestError(say('瓦片地址必须是 /{z}/{x}/{y}.mvt，且为整数', 'tile address must be /{z}/{x}/{y}.mvt with whole numbers'));
  if (zoom > MAX_ZOOM) throw new BadRequestError(say(`z 必须在 0 到 ${MAX_ZOOM} 之间`, `z must be between 0 and ${MAX_ZOOM}`));
  const size = 2 ** zoom;
  if (column >= size || row >= size)
    throw new BadRequestError(say(`z=${zoom} 时 x 和 y 必须小于 ${size}`, `x and y must be below ${size} at z=${zoom}`));
  return { z: zoom, x: column, y: row };
}

/** The same parsers as schema fields for the route wrapper. */
export const bboxParam = queryValue('bbox', parseBbox);
export const layerParam = pathValue(parseLayer);
export const tileLayerParam = pathValue(parseTileLayer);
export const baseLayerParam = pathValue(parseBaseLayer);

/** `/{layer}/{id}` of a feature: a village's id is its 12-digit code, every other feature's a whole number. */
export const featureParams = z.object({ layer: layerParam, id: z.string() }).transform(({ layer, id }, ctx) => ({
  layer,
  id: String(asIssue(() => requireFeatureId(id, layer === 'villages' ? 'string' : 'integer'), ctx)),
}));

/** `/{layer}/{id}` of a base feature (one that data maintenance changes). */
export const baseFeatureParams = z.object({ layer: baseLayerParam, id: z.string() }).transform(({ layer, id }, ctx) => ({
  layer,
  id: String(asIssue(() => requireFeatureId(id, layer === 'villages' ? 'string' : 'integer'), ctx)),
}));

/** `/{layer}/{z}/{x}/{y}.mvt` of the tile route. */
export const tileParams = z
  .object({ layer: tileLayerParam, z: z.string(), x: z.string(), y: z.string() })
  .transform(({ layer, z, x, y }, ctx) => ({ layer, tile: asIssue(() => parseTileAddress(z, x, y), ctx) }));
