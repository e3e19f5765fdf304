import { countFeatures, featureById, featurePage, layerExtent } from '../../db/queries/ogc-features';
import type { Db } from '../../db/schema';
import { BadRequestError, NotFoundError } from '../api/errors';
import { requireFeatureId } from '../api/ids';
import { publicOrigin } from '../api/public-origin';
import { say } from '../i18n/say';
import { layerContext } from '../layers/layer-context';
import { OGC_COLLECTIONS, type OgcCollection, ogcCollection } from './collections';
import { type Crs, parseCrs } from './crs';
import { collectionDocument, GEOJSON_TYPE, JSON_TYPE } from './documents';
import type { ItemsQuery } from './items-query';

/** The API's absolute root for links, as the client addressed it. */
export function ogcBase(request: Request): string {
  return `${publicOrigin(request.headers, request.url)}/ogc`;
}

/** This request's own URL as the client addressed it (for self and next links). */
function publicUrl(request: Request): URL {
  const { pathname, search } = new URL(request.url);
  return new URL(`${publicOrigin(request.headers, request.url)}${pathname}${search}`);
}

export function collectionOrNotFound(id: string): OgcCollection {
  const collection = ogcCollection(id);
  if (!collection)
    throw new NotFoundError(
      say(`没有图层集合“${id.slice(0, 40)}”；见 /ogc/collections`, `no collection "${id.slice(0, 40)}"; see /ogc/collections`),
    );
  return collection;
}

export function ogcJson(body: object, type = JSON_TYPE, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': `${type}; charset=utf-8`, ...headers } });
}

/** A GeoJSON answer naming its CRS (Part 2 `Content-Crs`). */
function geoJsonIn(crs: Crs, body: string): Response {
  return new Response(body, { headers: { 'Content-Type': `${GEOJSON_TYPE}; charset=utf-8`, 'Content-Crs': `<${crs.uri}>` } });
}

export async function collectionDescription(db: Db, base: string, collection: OgcCollection, villages: string[]) {
  const extent = await layerExtent(db, { layer: collection.id, villages, context: await layerContext(db) }, collection.datetime);
  return collectionDocument(base, collection, extent);
}

export async function collectionsDocument(db: Db, base: string, villages: string[]) {
  const collections = [];
  for (const collection of OGC_COLLECTIONS) collections.push(await collectionDescription(db, base, collection, villages));
  return {
    links: [{ href: `${base}/collections`, rel: 'self', type: JSON_TYPE, title: '图层 / collections' }],
    collections,
  };
}

/** One page of `/items`: numberMatched over the whole selection, a `next` link after the last id while more follow. */
export async function itemsResponse(db: Db, request: Request, collection: OgcCollection, villages: string[], query: ItemsQuery) {
  const selection = {
    layer: collection.id,
    villages,
    context: await layerContext(db),
    bbox: query.bbox ? { box: query.bbox, crs: query.bboxCrs } : undefined,
    datetime: query.datetime && collection.datetime ? { column: collection.datetime, ...query.datetime } : undefined,
    filter: query.filter,
  };
  const [matched, page] = await Promise.all([
    countFeatures(db, selection),
    featurePage(db, {
      ...selection,
      idType: collection.idType,
      after: query.after,
      limit: query.limit,
      output: query.crs,
      properties: query.properties,
    }),
  ]);
  const self = publicUrl(request);
  const base = ogcBase(request);
  const links: object[] = [
    { href: self.toString(), rel: 'self', type: GEOJSON_TYPE, title: '本页 / this page' },
    { href: `${base}/collections/${collection.id}`, rel: 'collection', type: JSON_TYPE, title: collection.title },
  ];
  if (page.more && page.lastId !== null) {
    const next = new URL(self);
    next.searchParams.set('after', page.lastId);
    links.push({ href: next.toString(), rel: 'next', type: GEOJSON_TYPE, title: '下一页 / next page' });
  }
  const head = JSON.stringify({
    type: 'FeatureCollection',
    timeStamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    numberMatched: matched,
    numberReturned: page.features.length,
    links,
  });
  // The features are JSON text PostGIS wrote; splice them in rather than parse and serialise them again.
  return geoJsonIn(query.crs, `${head.slice(0, -1)},"features":[${page.features.join(',')}]}`);
}

/** `/items/{featureId}`: 404 for an id that is not there or not in the user's villages. */
export async function itemResponse(db: Db, request: Request, collection: OgcCollection, villages: string[], featureId: string) {
  const search = new URL(request.url).searchParams;
  for (const name of search.keys()) {
    if (!['f', 'crs'].includes(name))
      throw new BadRequestError(say(`未知参数“${name.slice(0, 40)}”`, `unknown parameter "${name.slice(0, 40)}"`));
  }
  const crs = parseCrs(search.get('crs'), 'crs');
  const id = requireFeatureId(featureId, collection.idType);
  const notFound = new NotFoundError(
    say(`${collection.id} 中没有要素“${featureId.slice(0, 40)}”`, `no feature "${featureId.slice(0, 40)}" in ${collection.id}`),
  );
  const feature = await featureById(db, {
    layer: collection.id,
    villages,
    context: await layerContext(db),
    idType: collection.idType,
    id,
    output: crs,
    properties: Object.keys(collection.queryables),
  });
  if (!feature) throw notFound;
  const base = ogcBase(request);
  const links = [
    { href: `${base}/collections/${collection.id}/items/${featureId}`, rel: 'self', type: GEOJSON_TYPE },
    { href: `${base}/collections/${collection.id}`, rel: 'collection', type: JSON_TYPE, title: collection.title },
  ];
  return geoJsonIn(crs, `${feature.slice(0, -1)},"links":${JSON.stringify(links)}}`);
}
