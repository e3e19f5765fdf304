import { z } from 'zod';
import { BadRequestError } from '../api/errors';
import { bboxParam, parseVillages } from '../api/params';
import { parseQuery, queryBoolean, queryDate, queryList, queryText, queryValue, queryWholeNumber } from '../api/query';
import { HAZARD_CATEGORIES, HAZARD_STATUSES, PLACE_TYPES, SEVERITIES } from '../domain/enums';
import type { Bbox } from '../geo';
import { areaSchema } from '../geo/geojson-schema';
import { say } from '../i18n/say';

/** What the hazard list can be filtered by (GET /api/v1/hazards). Every field narrows the list. */
export interface HazardFilter {
  villages: string[];
  bbox?: Bbox;
  /** A GeoJSON Polygon or MultiPolygon in lon/lat drawn on the map. */
  within?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** Within `radiusM` metres of a clicked point. */
  near?: { lon: number; lat: number; radiusM: number };
  categories: string[];
  placeTypes: string[];
  severities: string[];
  statuses: string[];
  overdue?: boolean;
  /** Open hazards due within this many days from today. */
  dueWithinDays?: number;
  foundFrom?: string;
  foundTo?: string;
  text?: string;
}

/** Radius of the near-a-point filter when none is given, and the largest allowed. */
export const DEFAULT_RADIUS_M = 200;
const MAX_RADIUS_M = 10_000;
const MAX_WITHIN_CHARS = 100_000;

function parseWithin(text: string): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  if (text.length > MAX_WITHIN_CHARS)
    throw new BadRequestError(say('within 过大（最多 100,000 个字符）', 'within is too large (at most 100,000 characters)'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError(say('within 必须是 GeoJSON Polygon 或 MultiPolygon', 'within must be a GeoJSON Polygon or MultiPolygon'));
  }
  const result = areaSchema.safeParse(value);
  if (!result.success) {
    throw new BadRequestError(
      say(
        `within 必须是经纬度的 GeoJSON Polygon 或 MultiPolygon：${result.error.issues[0]?.message}`,
        `within must be a GeoJSON Polygon or MultiPolygon in lon/lat: ${result.error.issues[0]?.message}`,
      ),
    );
  }
  return result.data as GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

function parseNear(text: string): { lon: number; lat: number } {
  const parts = text.split(',').map((part) => Number(part.trim()));
  const [lon, lat] = parts as [number, number];
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n)) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new BadRequestError(
      say(
        `near 必须是以度为单位的“经度,纬度”，收到的是“${text.slice(0, 40)}”`,
        `near must be "lon,lat" in degrees, got "${text.slice(0, 40)}"`,
      ),
    );
  }
  return { lon, lat };
}

function parseRadius(text: string): number {
  const radius = /^\d{1,5}(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(radius > 0 && radius <= MAX_RADIUS_M)) {
    throw new BadRequestError(
      say(`radius_m 必须是 1 到 ${MAX_RADIUS_M} 米之间的数`, `radius_m must be a number of metres from 1 to ${MAX_RADIUS_M}`),
    );
  }
  return radius;
}

const optional =
  <T>(read: (text: string) => T) =>
  (text: string | null): T | undefined =>
    text === null ? undefined : read(text);

/**
 * The hazard list's filter as URL parameters, the one definition the list API, the export and the hazards
 * page all read: `village` and the code lists are repeatable or comma-separated.
 */
export const HAZARD_FILTER_PARAMS = {
  village: queryList('village'),
  bbox: bboxParam,
  within: queryValue('within', optional(parseWithin)),
  near: queryValue('near', optional(parseNear)),
  radius_m: queryValue('radius_m', optional(parseRadius)),
  category: queryList('category', HAZARD_CATEGORIES),
  place_type: queryList('place_type', PLACE_TYPES),
  severity: queryList('severity', SEVERITIES),
  status: queryList('status', HAZARD_STATUSES),
  overdue: queryBoolean('overdue'),
  due_within_days: queryWholeNumber('due_within_days', 0, 9999),
  found_from: queryDate('found_from'),
  found_to: queryDate('found_to'),
  q: queryText('q', 50),
};

export type HazardFilterParam = keyof typeof HAZARD_FILTER_PARAMS;

/** The filter's parameters plus a route's own (paging, format), as the route's query schema. */
export function hazardFilterQuery<const Extra extends z.ZodRawShape>(extra: Extra) {
  return z.object({ ...HAZARD_FILTER_PARAMS, ...extra }).refine(
    (query) => {
      const { near, radius_m } = query as { near?: unknown; radius_m?: unknown };
      return radius_m === undefined || near !== undefined;
    },
    { path: ['radius_m'], error: () => say('radius_m 需要同时给出 near=经度,纬度', 'radius_m needs near=lon,lat') },
  );
}

export type HazardFilterQuery = z.output<ReturnType<typeof hazardFilterQuery<Record<never, never>>>>;

/** The parsed parameters as the list query's filter, with the villages the request may see. */
export function hazardFilter(query: HazardFilterQuery, villages: string[]): HazardFilter {
  return {
    villages,
    bbox: query.bbox,
    within: query.within,
    near: query.near && { ...query.near, radiusM: query.radius_m ?? DEFAULT_RADIUS_M },
    categories: query.category,
    placeTypes: query.place_type,
    severities: query.severity,
    statuses: query.status,
    overdue: query.overdue,
    dueWithinDays: query.due_within_days,
    foundFrom: query.found_from,
    foundTo: query.found_to,
    text: query.q,
  };
}

/** The filter of a query string, its villages checked against the known ones (no scope applied). */
export function parseHazardFilter(params: URLSearchParams, knownVillages: ReadonlySet<string>): HazardFilter {
  return hazardFilter(parseQuery(params, hazardFilterQuery({})), parseVillages(params, knownVillages));
}
