import { z } from 'zod';
import type { Bbox } from '../../db/queries/layers';
import { geometrySchemas } from '../../db/seed/geojson-schema';
import { BadRequestError } from '../api/errors';
import { parseBbox, parseVillages } from '../api/params';
import { HAZARD_CATEGORIES, HAZARD_STATUSES, PLACE_TYPES, SEVERITIES } from '../domain/enums';

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

/** A repeatable or comma-separated list parameter whose values must all be known codes. */
function codes(params: URLSearchParams, name: string, allowed: readonly string[]): string[] {
  const values = params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  for (const value of values) {
    if (!allowed.includes(value)) {
      throw new BadRequestError(`unknown ${name} "${value.slice(0, 40)}"; use one of ${allowed.join(', ')}`);
    }
  }
  return [...new Set(values)];
}

function date(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new BadRequestError(`${name} must be a date YYYY-MM-DD, got "${value.slice(0, 40)}"`);
  }
  return value;
}

function within(params: URLSearchParams): HazardFilter['within'] {
  const value = params.get('within');
  if (!value) return undefined;
  if (value.length > 100_000) throw new BadRequestError('within is too large (at most 100,000 characters)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new BadRequestError('within must be a GeoJSON Polygon or MultiPolygon');
  }
  const result = z.union([geometrySchemas.Polygon, geometrySchemas.MultiPolygon]).safeParse(parsed);
  if (!result.success) {
    throw new BadRequestError(`within must be a GeoJSON Polygon or MultiPolygon in lon/lat: ${result.error.issues[0]?.message}`);
  }
  return result.data as HazardFilter['within'];
}

const MAX_RADIUS_M = 10_000;

/** `near=lon,lat` with `radius_m` (default 200 m, at most 10 km). */
function near(params: URLSearchParams): HazardFilter['near'] {
  const value = params.get('near');
  const radius = params.get('radius_m');
  if (!value) {
    if (radius !== null) throw new BadRequestError('radius_m needs near=lon,lat');
    return undefined;
  }
  const parts = value.split(',').map((part) => Number(part.trim()));
  const [lon, lat] = parts as [number, number];
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n)) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new BadRequestError(`near must be "lon,lat" in degrees, got "${value.slice(0, 40)}"`);
  }
  const radiusM = radius === null ? 200 : Number(radius);
  if (!/^\d{1,5}(\.\d+)?$/.test(radius ?? '200') || radiusM <= 0 || radiusM > MAX_RADIUS_M) {
    throw new BadRequestError(`radius_m must be a number of metres from 1 to ${MAX_RADIUS_M}`);
  }
  return { lon, lat, radiusM };
}

export function parseHazardFilter(params: URLSearchParams, knownVillages: ReadonlySet<string>): HazardFilter {
  const overdue = params.get('overdue');
  if (overdue !== null && overdue !== 'true' && overdue !== 'false') {
    throw new BadRequestError('overdue must be true or false');
  }
  const due = params.get('due_within_days');
  if (due !== null && !/^\d{1,4}$/.test(due)) throw new BadRequestError('due_within_days must be a whole number of days');
  const text = params.get('q')?.trim();
  if (text && text.length > 50) throw new BadRequestError('q must be at most 50 characters');
  return {
    villages: parseVillages(params, knownVillages),
    bbox: parseBbox(params.get('bbox')),
    within: within(params),
    near: near(params),
    categories: codes(params, 'category', HAZARD_CATEGORIES),
    placeTypes: codes(params, 'place_type', PLACE_TYPES),
    severities: codes(params, 'severity', SEVERITIES),
    statuses: codes(params, 'status', HAZARD_STATUSES),
    overdue: overdue === null ? undefined : overdue === 'true',
    dueWithinDays: due === null ? undefined : Number(due),
    foundFrom: date(params, 'found_from'),
    foundTo: date(params, 'found_to'),
    text: text || undefined,
  };
}
