import type { OgcCollection, QueryableType } from './collections';
import { CRS84, SUPPORTED_CRS } from './crs';
import { GEOMETRY_QUERYABLE } from './filter';
import { DEFAULT_LIMIT, MAX_LIMIT } from './items-query';

/**
 * The JSON documents of the OGC API – Features (Parts 1–3) apart from the features themselves: the landing
 * page, conformance, the OpenAPI description, collections and queryables. `base` is the API's absolute root
 * (`https://host/ogc`), taken from the request so the links work for whoever asked.
 */

export const JSON_TYPE = 'application/json';
export const GEOJSON_TYPE = 'application/geo+json';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';
const SCHEMA_TYPE = 'application/schema+json';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus',
];

const TITLE = '刘胡兰镇消防安全一张图';

export function landingPage(base: string) {
  return {
    title: TITLE,
    description: '刘胡兰镇消防安全治本攻坚三年行动的实时数据（OGC API – Features）。Live data of the Liuhulan Town fire-safety campaign.',
    links: [
      { href: base, rel: 'self', type: JSON_TYPE, title: '本页 / this document' },
      { href: `${base}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'OpenAPI 3.0' },
      { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: '符合的标准 / conformance' },
      { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: '图层 / collections' },
    ],
  };
}

export interface CollectionExtent {
  bbox: [number, number, number, number] | null;
  from: string | null;
  to: string | null;
}

export function collectionDocument(base: string, collection: OgcCollection, extent: CollectionExtent) {
  const self = `${base}/collections/${collection.id}`;
  return {
    id: collection.id,
    title: collection.title,
    description: collection.titleEn,
    itemType: 'feature',
    links: [
      { href: self, rel: 'self', type: JSON_TYPE, title: collection.title },
      { href: `${self}/items`, rel: 'items', type: GEOJSON_TYPE, title: collection.title },
      {
        href: `${self}/queryables`,
        rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
        type: SCHEMA_TYPE,
        title: '可查询属性 / queryables',
      },
    ],
    extent: {
      spatial: { bbox: extent.bbox ? [extent.bbox] : [], crs: CRS84 },
      ...(collection.datetime
        ? { temporal: { interval: [[extent.from, extent.to]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } }
        : {}),
    },
    crs: SUPPORTED_CRS.map((crs) => crs.uri),
    storageCrs: CRS84,
  };
}

const JSON_SCHEMA_TYPES: Record<QueryableType, object> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
};

const GEOMETRY_SCHEMAS: Record<OgcCollection['geometryType'], string> = {
  Point: 'https://geojson.org/schema/Point.json',
  LineString: 'https://geojson.org/schema/LineString.json',
  Polygon: 'https://geojson.org/schema/Polygon.json',
  MultiPolygon: 'https://geojson.org/schema/MultiPolygon.json',
};

export function queryablesDocument(base: string, collection: OgcCollection) {
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: `${base}/collections/${collection.id}/queryables`,
    type: 'object',
    title: collection.title,
    properties: {
      [GEOMETRY_QUERYABLE]: {
        title: '几何 / geometry',
        format: `geometry-${collection.geometryType.toLowerCase()}`,
        $ref: GEOMETRY_SCHEMAS[collection.geometryType],
      },
      ...Object.fromEntries(
        Object.entries(collection.queryables).map(([name, type]) => [name, { title: name, ...JSON_SCHEMA_TYPES[type] }]),
      ),
    },
    additionalProperties: false,
  };
}

const parameter = (name: string, description: string, schema: object, extra: object = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  style: 'form',
  explode: false,
  ...extra,
});

const crsEnum = { type: 'string', format: 'uri', enum: SUPPORTED_CRS.map((crs) => crs.uri), default: CRS84 };

/** The OpenAPI 3.0 description: what GDAL reads the paging limit from, and what QGIS shows. */
export function openApiDocument(base: string, collections: readonly OgcCollection[]) {
  const collectionId = {
    name: 'collectionId',
    in: 'path',
    required: true,
    schema: { type: 'string', enum: collections.map((c) => c.id) },
  };
  const ok = (type: string, description: string) => ({ 200: { description, content: { [type]: { schema: { type: 'object' } } } } });
  const errors = {
    400: { description: 'Bad input: the answer names a stable code (invalid_filter, unsupported_crs, bad_request).' },
    401: { description: 'No valid token (unauthenticated, token_revoked, token_expired).' },
    403: { description: 'The role or village scope does not allow it.' },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: TITLE,
      version: '1.0.0',
      description: 'OGC API – Features Part 1 (Core, GeoJSON), Part 2 (CRS) and Part 3 (CQL2 text filters).',
    },
    servers: [{ url: base }],
    security: [{ basic: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic', description: 'Any user name; a personal API token as the password.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (账户页面生成).' },
      },
    },
    paths: {
      '/': { get: { operationId: 'getLandingPage', summary: 'Landing page', responses: { ...ok(JSON_TYPE, 'Landing page'), ...errors } } },
      '/conformance': { get: { operationId: 'getConformance', responses: { ...ok(JSON_TYPE, 'Conformance classes'), ...errors } } },
      '/api': { get: { operationId: 'getApi', responses: ok(OPENAPI_TYPE, 'This document') } },
      '/collections': { get: { operationId: 'getCollections', responses: { ...ok(JSON_TYPE, 'The collections'), ...errors } } },
      '/collections/{collectionId}': {
        get: { operationId: 'describeCollection', parameters: [collectionId], responses: { ...ok(JSON_TYPE, 'A collection'), ...errors } },
      },
      '/collections/{collectionId}/queryables': {
        get: { operationId: 'getQueryables', parameters: [collectionId], responses: { ...ok(SCHEMA_TYPE, 'Queryables'), ...errors } },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          parameters: [
            collectionId,
            parameter('limit', 'Features per page.', { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
            parameter('bbox', 'minx,miny,maxx,maxy in the axis order of bbox-crs.', {
              type: 'array',
              minItems: 4,
              maxItems: 4,
              items: { type: 'number' },
            }),
            parameter('bbox-crs', 'The CRS of bbox.', crsEnum),
            parameter('crs', 'The CRS of the answer (Content-Crs names it).', crsEnum),
            parameter('datetime', 'A date or interval on dated collections (hazards: found_on).', { type: 'string' }),
            parameter('properties', 'The properties to include.', { type: 'array', items: { type: 'string' } }),
            parameter('filter', 'A CQL2 text filter over the queryables.', { type: 'string' }),
            parameter('filter-lang', 'Only cql2-text.', { type: 'string', enum: ['cql2-text'], default: 'cql2-text' }),
            parameter('filter-crs', 'The CRS of geometries in filter.', crsEnum),
            parameter('after', 'Keyset paging: the last id of the previous page (follow the next link).', { type: 'string' }),
          ],
          responses: { ...ok(GEOJSON_TYPE, 'A page of features'), ...errors },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'getFeature',
          parameters: [
            collectionId,
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
            parameter('crs', 'The CRS of the answer.', crsEnum),
          ],
          responses: { ...ok(GEOJSON_TYPE, 'A feature'), ...errors, 404: { description: 'No such feature in your scope.' } },
        },
      },
    },
  };
}
