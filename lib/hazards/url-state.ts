import { parseId } from '../api/ids';
import { listValues } from '../api/query';
import { OPEN_HAZARD_STATUSES } from '../domain/enums';
import { DEFAULT_RADIUS_M, HAZARD_FILTER_PARAMS, type HazardFilterParam } from './filter';

/**
 * The hazards page's state in its URL, so a filtered view can be shared and reloaded: filters (the list API's
 * own parameters, `HAZARD_FILTER_PARAMS`), the page, the selected hazard, and a "new hazard" prefill (from the
 * analysis panel). Pure: no DOM, no fetch. Filter values are kept as written (not validated) so the list API
 * can answer a hand-edited URL with its own 400 message instead of the page silently dropping what it does
 * not know; the area and the point are read with the API's own schemas where the map needs them.
 */

export interface HazardFilterState {
  villages: string[];
  /** A GeoJSON Polygon/MultiPolygon drawn on the map, as written in the URL (JSON text). */
  within: string | null;
  /** `lon,lat` of a clicked point; with `radiusM`. */
  near: string | null;
  radiusM: string | null;
  categories: string[];
  placeTypes: string[];
  severities: string[];
  statuses: string[];
  overdue: boolean;
  dueWithinDays: string | null;
  foundFrom: string | null;
  foundTo: string | null;
  q: string;
}

/** Fields of a new hazard carried in by `?new=1&…` (e.g. from an analysis finding). */
export interface HazardPrefill {
  category?: string;
  place_type?: string;
  severity?: string;
  rule_id?: string;
  measured?: number;
  lon?: number;
  lat?: number;
  description?: string;
  /** A spacing finding's two buildings. */
  building_id?: number;
  paired_building_id?: number;
}

export interface HazardPageState {
  filter: HazardFilterState;
  limit: number;
  offset: number;
  /** The hazard whose detail is open. */
  selected: number | null;
  /** `?new=1`: the create form is open, with these fields filled in. */
  create: HazardPrefill | null;
}

export const DEFAULT_LIMIT = 50;
export const PAGE_SIZES = [20, 50, 100, 200] as const;

/**
 * What the page shows with nothing chosen: the hazards still open (未销号), since closed ones are most of the
 * list and not what anyone works on. 全部 is every status named, so a URL without `status` always means open.
 */
export const DEFAULT_FILTER: HazardFilterState = {
  villages: [],
  within: null,
  near: null,
  radiusM: null,
  categories: [],
  placeTypes: [],
  severities: [],
  statuses: [...OPEN_HAZARD_STATUSES],
  overdue: false,
  dueWithinDays: null,
  foundFrom: null,
  foundTo: null,
  q: '',
};

type ListField = 'villages' | 'categories' | 'placeTypes' | 'severities' | 'statuses';
type SingleField = 'within' | 'near' | 'radiusM' | 'dueWithinDays' | 'foundFrom' | 'foundTo';

/** List parameter → filter field, in the order they are written to the URL. */
const LISTS = [
  ['village', 'villages'],
  ['category', 'categories'],
  ['place_type', 'placeTypes'],
  ['severity', 'severities'],
  ['status', 'statuses'],
] as const satisfies readonly (readonly [HazardFilterParam, ListField])[];

/** Single-valued parameter → filter field. */
const SINGLES = [
  ['within', 'within'],
  ['near', 'near'],
  ['radius_m', 'radiusM'],
  ['due_within_days', 'dueWithinDays'],
  ['found_from', 'foundFrom'],
  ['found_to', 'foundTo'],
] as const satisfies readonly (readonly [HazardFilterParam, SingleField])[];

/** Keys that, with `new=1`, describe the new hazard instead of filtering the list. */
const PREFILL_TEXT = ['category', 'place_type', 'severity', 'rule_id', 'description'] as const;
const PREFILL_NUMBERS = ['measured', 'lon', 'lat'] as const;
const PREFILL_IDS = ['building_id', 'paired_building_id'] as const;

function whole(value: string | null, fallback: number, max: number): number {
  if (value === null || !/^\d{1,7}$/.test(value)) return fallback;
  return Math.min(Number(value), max);
}

function readPrefill(params: URLSearchParams): HazardPrefill {
  const prefill: HazardPrefill = {};
  for (const key of PREFILL_TEXT) {
    const value = params.get(key)?.trim();
    if (value) prefill[key] = value;
  }
  for (const key of PREFILL_NUMBERS) {
    const text = params.get(key)?.trim();
    const value = text ? Number(text) : NaN;
    if (Number.isFinite(value)) prefill[key] = value;
  }
  for (const key of PREFILL_IDS) {
    const id = parseId(params.get(key) ?? '');
    if (id !== null) prefill[key] = id;
  }
  return prefill;
}

/** Reads the page state from the URL's search part (`?a=b` or a URLSearchParams). */
export function parsePageState(search: string | URLSearchParams): HazardPageState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const creating = params.get('new') === '1';
  const filter: HazardFilterState = { ...DEFAULT_FILTER };
  for (const [name, field] of LISTS) {
    // With new=1 the category etc. belong to the new hazard, not to the list's filter.
    if (creating && (PREFILL_TEXT as readonly string[]).includes(name)) continue;
    if (name === 'status' && !params.has(name)) continue;
    filter[field] = listValues(params.getAll(name));
  }
  for (const [name, field] of SINGLES) {
    const value = params.get(name)?.trim();
    filter[field] = value ? value : null;
  }
  filter.overdue = params.get('overdue') === 'true';
  filter.q = params.get('q')?.trim() ?? '';
  const selected = params.get('selected');
  return {
    filter,
    limit: Math.max(1, whole(params.get('limit'), DEFAULT_LIMIT, 1000)),
    offset: whole(params.get('offset'), 0, 1_000_000),
    selected: selected === null ? null : parseId(selected),
    create: creating ? readPrefill(params) : null,
  };
}

/** The list API's filter parameters (also the export's): only what narrows the list, in a stable order. */
export function filterParams(filter: HazardFilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, field] of LISTS) {
    if (filter[field].length > 0) params.set(name, filter[field].join(','));
  }
  for (const [name, field] of SINGLES) {
    // radius_m means nothing without near (the API refuses it alone).
    if (name === 'radius_m' && !filter.near) continue;
    const value = filter[field];
    if (value) params.set(name, value);
  }
  if (filter.overdue) params.set('overdue', 'true');
  if (filter.q.trim()) params.set('q', filter.q.trim());
  return params;
}

/** GET /api/v1/hazards parameters: the filter and the page. */
export function listParams(state: HazardPageState): URLSearchParams {
  const params = filterParams(state.filter);
  params.set('limit', String(state.limit));
  if (state.offset > 0) params.set('offset', String(state.offset));
  return params;
}

/** The export link of the current filter (all matching rows, not just the page). */
export function exportHref(filter: HazardFilterState, format: 'xlsx' | 'csv' | 'geojson'): string {
  const params = filterParams(filter);
  params.set('format', format);
  return `/api/v1/hazards/export?${params}`;
}

const isDefaultStatus = (statuses: readonly string[]) =>
  statuses.length === OPEN_HAZARD_STATUSES.length && OPEN_HAZARD_STATUSES.every((status) => statuses.includes(status));

/** The page's own URL search part for this state (`?…`, or '' when everything is default). */
export function pageSearch(state: HazardPageState): string {
  const params = filterParams(state.filter);
  if (isDefaultStatus(state.filter.statuses)) params.delete('status');
  if (state.limit !== DEFAULT_LIMIT) params.set('limit', String(state.limit));
  if (state.offset > 0) params.set('offset', String(state.offset));
  if (state.selected !== null) params.set('selected', String(state.selected));
  if (state.create) {
    // The prefill replaces any category filter while the form is open; it is dropped once the form closes.
    for (const key of ['category', 'place_type', 'severity'] as const) params.delete(key);
    params.set('new', '1');
    for (const key of [...PREFILL_TEXT, ...PREFILL_NUMBERS, ...PREFILL_IDS]) {
      const value = state.create[key];
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when the filter is not the default one (for the "clear filters" button). */
export function hasFilter(filter: HazardFilterState): boolean {
  return filterParams(filter).toString() !== filterParams(DEFAULT_FILTER).toString();
}

/** The area filter as a GeoJSON geometry, or null when absent or not one the API accepts (the API reports why). */
export function parsedWithin(filter: Pick<HazardFilterState, 'within'>): GeoJSON.Polygon | GeoJSON.MultiPolygon | null {
  return HAZARD_FILTER_PARAMS.within.safeParse(filter.within ?? undefined).data ?? null;
}

/** The near-a-point filter as numbers, or null when absent or not one the API accepts; the API's default radius. */
export function parsedNear(filter: Pick<HazardFilterState, 'near' | 'radiusM'>): { lon: number; lat: number; radiusM: number } | null {
  const point = HAZARD_FILTER_PARAMS.near.safeParse(filter.near ?? undefined).data;
  const radius = HAZARD_FILTER_PARAMS.radius_m.safeParse(filter.radiusM ?? undefined);
  if (!point || !radius.success) return null;
  return { ...point, radiusM: radius.data ?? DEFAULT_RADIUS_M };
}

/** Writes a drawn polygon compactly (6 decimals ≈ 0.1 m) for the URL. */
export function withinText(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): string {
  const round = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(round) : typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value;
  return JSON.stringify({ type: geometry.type, coordinates: round(geometry.coordinates) });
}

/** `lon,lat` of a clicked point (6 decimals). */
export function nearText(lon: number, lat: number): string {
  return `${lon.toFixed(6)},${lat.toFixed(6)}`;
}
