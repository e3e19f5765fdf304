import { BadRequestError } from '../api/errors';
import { parseId } from '../api/ids';
import { parseBbox } from '../api/params';
import { chinaToday, isPlausibleDate } from '../time';
import type { OgcCollection } from './collections';
import { parseCql2 } from './cql2';
import { CRS84, type Crs, parseCrs } from './crs';
import { type FilterNode, resolveFilter } from './filter';

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

/** The query of `/collections/{id}/items`, parsed and checked against the collection. */
export interface ItemsQuery {
  limit: number;
  after?: number | string;
  /** minX, minY, maxX, maxY in `bboxCrs`, x first. */
  bbox?: [number, number, number, number];
  bboxCrs: Crs;
  crs: Crs;
  datetime?: { from?: string; to?: string };
  /** The properties asked for, or every queryable. */
  properties: readonly string[];
  filter?: FilterNode;
}

/** The parameters `/items` reads; any other is refused, so a misspelt one is not silently ignored. */
const KNOWN = new Set([
  'f',
  'limit',
  'after',
  'bbox',
  'bbox-crs',
  'crs',
  'datetime',
  'properties',
  'filter',
  'filter-lang',
  'filter-crs',
  'village',
]);

function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw new BadRequestError(`${name} may be given once`);
  const value = values[0]?.trim();
  return value === undefined || value === '' ? null : value;
}

function parseLimit(text: string | null): number {
  if (text === null) return DEFAULT_LIMIT;
  const limit = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) throw new BadRequestError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return limit;
}

function parseAfter(text: string | null, collection: OgcCollection): number | string | undefined {
  if (text === null) return undefined;
  const after = collection.idType === 'integer' ? parseId(text) : /^\d{12}$/.test(text) ? text : null;
  if (after === null) throw new BadRequestError('after must be a feature id of this collection (take it from the next link)');
  return after;
}

/** `bbox` in the axis order of `bbox-crs` (CRS84: lon/lat; EPSG:4326: lat/lon; …), as x/y with min < max. */
function parseOgcBbox(text: string | null, crs: Crs): [number, number, number, number] | undefined {
  if (text === null) return undefined;
  if (crs.uri === CRS84) return parseBbox(text);
  const numbers = text.split(',').map((part) => Number(part.trim()));
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) {
    throw new BadRequestError(`bbox must be four numbers in the axis order of bbox-crs, got "${text.slice(0, 100)}"`);
  }
  const [a, b, c, d] = numbers as [number, number, number, number];
  const box: [number, number, number, number] = crs.northFirst ? [b, a, d, c] : [a, b, c, d];
  if (box[0] >= box[2] || box[1] >= box[3]) throw new BadRequestError('bbox must give the lower corner first (min < max on both axes)');
  return box;
}

/** One end of `datetime`: a date, or an RFC 3339 instant read as its China date; `..` or nothing is open. */
function datetimeEnd(text: string): string | undefined {
  if (text === '' || text === '..') return undefined;
  let date: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) date = text;
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text) && !Number.isNaN(Date.parse(text))) {
    date = chinaToday(new Date(text));
  }
  if (date === null || !isPlausibleDate(date)) {
    throw new BadRequestError(`datetime "${text.slice(0, 40)}" must be a date or an RFC 3339 instant of 2000–2099, or ..`);
  }
  return date;
}

function parseDatetime(text: string | null, collection: OgcCollection): ItemsQuery['datetime'] {
  if (text === null) return undefined;
  if (!collection.datetime) throw new BadRequestError(`${collection.id} has no dates to select by datetime`);
  const parts = text.split('/');
  if (parts.length > 2 || (parts.length === 2 && parts.every((part) => part === '' || part === '..'))) {
    throw new BadRequestError('datetime is a date, or an interval "start/end" with at most one open end');
  }
  const [start = '', end] = parts;
  const from = datetimeEnd(start);
  const to = end === undefined ? from : datetimeEnd(end);
  if (from && to && from > to) throw new BadRequestError('datetime must not end before it starts');
  return { from, to };
}

function parseProperties(text: string | null, collection: OgcCollection): readonly string[] {
  const all = Object.keys(collection.queryables);
  if (text === null) return all;
  const names = [
    ...new Set(
      text
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  for (const name of names) {
    if (!all.includes(name)) throw new BadRequestError(`"${name.slice(0, 60)}" is not a property of ${collection.id}`);
  }
  return names;
}

function parseFilter(params: URLSearchParams, collection: OgcCollection): FilterNode | undefined {
  const text = single(params, 'filter');
  const lang = single(params, 'filter-lang');
  if (lang !== null && lang !== 'cql2-text') throw new BadRequestError('filter-lang must be cql2-text');
  const filterCrs = parseCrs(single(params, 'filter-crs'), 'filter-crs');
  return text === null ? undefined : resolveFilter(parseCql2(text), collection, filterCrs);
}

export function parseItemsQuery(params: URLSearchParams, collection: OgcCollection): ItemsQuery {
  for (const name of params.keys()) {
    if (!KNOWN.has(name)) throw new BadRequestError(`unknown parameter "${name.slice(0, 40)}"`);
  }
  const format = single(params, 'f');
  if (format !== null && !['json', 'geojson'].includes(format)) throw new BadRequestError('f must be json or geojson');
  const bboxCrs = parseCrs(single(params, 'bbox-crs'), 'bbox-crs');
  return {
    limit: parseLimit(single(params, 'limit')),
    after: parseAfter(single(params, 'after'), collection),
    bbox: parseOgcBbox(single(params, 'bbox'), bboxCrs),
    bboxCrs,
    crs: parseCrs(single(params, 'crs'), 'crs'),
    datetime: parseDatetime(single(params, 'datetime'), collection),
    properties: parseProperties(single(params, 'properties'), collection),
    filter: parseFilter(params, collection),
  };
}
