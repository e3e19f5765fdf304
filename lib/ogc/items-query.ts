import { BadRequestError } from '../api/errors';
import { parseId } from '../api/ids';
import { parseBbox } from '../api/params';
import { say } from '../i18n/say';
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
  if (values.length > 1) throw new BadRequestError(say(`${name} 只能给出一次`, `${name} may be given once`));
  const value = values[0]?.trim();
  return value === undefined || value === '' ? null : value;
}

function parseLimit(text: string | null): number {
  if (text === null) return DEFAULT_LIMIT;
  const limit = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT))
    throw new BadRequestError(say(`limit 必须是 1 到 ${MAX_LIMIT} 的整数`, `limit must be a whole number from 1 to ${MAX_LIMIT}`));
  return limit;
}

function parseAfter(text: string | null, collection: OgcCollection): number | string | undefined {
  if (text === null) return undefined;
  const after = collection.idType === 'integer' ? parseId(text) : /^\d{12}$/.test(text) ? text : null;
  if (after === null)
    throw new BadRequestError(
      say(
        'after 必须是本图层集合的要素 id（从 next 链接中取得）',
        'after must be a feature id of this collection (take it from the next link)',
      ),
    );
  return after;
}

/** `bbox` in the axis order of `bbox-crs` (CRS84: lon/lat; EPSG:4326: lat/lon; …), as x/y with min < max. */
function parseOgcBbox(text: string | null, crs: Crs): [number, number, number, number] | undefined {
  if (text === null) return undefined;
  if (crs.uri === CRS84) return parseBbox(text);
  const numbers = text.split(',').map((part) => Number(part.trim()));
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) {
    throw new BadRequestError(
      say(
        `bbox 必须是按 bbox-crs 轴序的四个数，收到的是“${text.slice(0, 100)}”`,
        `bbox must be four numbers in the axis order of bbox-crs, got "${text.slice(0, 100)}"`,
      ),
    );
  }
  const [a, b, c, d] = numbers as [number, number, number, number];
  const box: [number, number, number, number] = crs.northFirst ? [b, a, d, c] : [a, b, c, d];
  if (box[0] >= box[2] || box[1] >= box[3])
    throw new BadRequestError(
      say('bbox 必须先给左下角（两个轴上都是最小值小于最大值）', 'bbox must give the lower corner first (min < max on both axes)'),
    );
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
    throw new BadRequestError(
      say(
        `datetime“${text.slice(0, 40)}”必须是 2000–2099 年间的日期或 RFC 3339 时刻，或 ..`,
        `datetime "${text.slice(0, 40)}" must be a date or an RFC 3339 instant of 2000–2099, or ..`,
      ),
    );
  }
  return date;
}

function parseDatetime(text: string | null, collection: OgcCollection): ItemsQuery['datetime'] {
  if (text === null) return undefined;
  if (!collection.datetime)
    throw new BadRequestError(say(`${collection.id} 没有可按 datetime 筛选的日期`, `${collection.id} has no dates to select by datetime`));
  const parts = text.split('/');
  if (parts.length > 2 || (parts.length === 2 && parts.every((part) => part === '' || part === '..'))) {
    throw new BadRequestError(
      say(
        'datetime 是一个日期，或一个最多一端开放的区间“开始/结束”',
        'datetime is a date, or an interval "start/end" with at most one open end',
      ),
    );
  }
  const [start = '', end] = parts;
  const from = datetimeEnd(start);
  const to = end === undefined ? from : datetimeEnd(end);
  if (from && to && from > to) throw new BadRequestError(say('datetime 的结束不能早于开始', 'datetime must not end before it starts'));
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
    if (!all.includes(name))
      throw new BadRequestError(
        say(`“${name.slice(0, 60)}”不是 ${collection.id} 的属性`, `"${name.slice(0, 60)}" is not a property of ${collection.id}`),
      );
  }
  return names;
}

function parseFilter(params: URLSearchParams, collection: OgcCollection): FilterNode | undefined {
  const text = single(params, 'filter');
  const lang = single(params, 'filter-lang');
  if (lang !== null && lang !== 'cql2-text')
    throw new BadRequestError(say('filter-lang 必须是 cql2-text', 'filter-lang must be cql2-text'));
  const filterCrs = parseCrs(single(params, 'filter-crs'), 'filter-crs');
  return text === null ? undefined : resolveFilter(parseCql2(text), collection, filterCrs);
}

export function parseItemsQuery(params: URLSearchParams, collection: OgcCollection): ItemsQuery {
  for (const name of params.keys()) {
    if (!KNOWN.has(name)) throw new BadRequestError(say(`未知参数“${name.slice(0, 40)}”`, `unknown parameter "${name.slice(0, 40)}"`));
  }
  const format = single(params, 'f');
  if (format !== null && !['json', 'geojson'].includes(format))
    throw new BadRequestError(say('f 必须是 json 或 geojson', 'f must be json or geojson'));
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
