import { zipSync } from 'fflate';
import { DEMO_PASSWORD } from '../../db/seed/accounts';
import { writeOutboxArchive } from '../../lib/field/outbox-archive';
import { MINI_V1, MINI_V2 } from '../town/mini-town';

/** The mini town's record ids by code, and the ids of what the suite adds to work on. */
export interface TownIds {
  villages: { V1: string; V2: string };
  buildings: Record<string, number>;
  passages: Record<string, number>;
  obstacles: Record<string, number>;
  units: Record<string, number>;
  stations: Record<string, number>;
  hazards: Record<string, number>;
  photo: number;
  fix: number;
  scenario: number;
  token: number;
  /** Base-layer import batches: one in preview, the newest applied one. */
  imports: { preview: number; applied: number };
  villageUser: number;
  /** A user whose password the suite may reset (not one it signs in as). */
  plannerUser: number;
  versions: { hazard: number; fix: number; villageUser: number; building: number; station: number };
}

/** A request a signed-in admin may make, as parts the hostile cases then spoil one at a time. */
export interface ValidRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  upload?: { fields: Record<string, string>; file: { name: string; type: string; bytes: Uint8Array } };
}

/** A hostile request the endpoint must refuse, and the statuses that are a right answer to it. */
export interface ExtraCase {
  name: string;
  request: ValidRequest;
  expect: readonly number[];
}

export interface Endpoint {
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  valid: (ids: TownIds) => ValidRequest;
  /** Path numbers are tile coordinates, not record ids: the largest id is out of range too. */
  pathNumbers?: 'ids' | 'coordinates';
  /** The endpoint takes an Idempotency-Key, so a malformed key is one more thing to spoil. */
  idempotent?: boolean;
  /** The valid request ends its own session, so it gets a fresh one. */
  ownSession?: boolean;
  /** Cases that need to know what the endpoint means, beyond spoiling its parts. */
  extra?: (ids: TownIds) => ExtraCase[];
}

const encoder = new TextEncoder();
/** A water source of the mini town's first village, as a GeoJSON file a base-layer import takes. */
export const waterSourceFile = (coordinates: number[] = [112.0955, 37.3635], type = 'Point') => ({
  name: '水源.geojson',
  bytes: encoder.encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 编号: 'W2', 名称: '村东消火栓', 所属村: MINI_V1, 水源类型: '消火栓', 可用月份: '1-12', 状态: '在用' },
          geometry: { type, coordinates },
        },
      ],
    }),
  ),
});
const importUpload = (file = waterSourceFile(), fields: Record<string, string> = { layer: 'water-sources', crs: 'EPSG:4326' }) => ({
  fields,
  file: { ...file, type: 'application/geo+json' },
});
const csv = (rows: string[]) => encoder.encode(['村名,类别,等级,描述,发现日期,经度,纬度', ...rows].join('\n'));
const importForm = (rows: string[], commit: 'true' | 'false') => ({
  fields: { commit },
  file: { name: '隐患.csv', type: 'text/csv', bytes: csv(rows) },
});
/** A tiny JPEG (a 1×1 grey pixel) the photo pipeline accepts. */
const JPEG = Uint8Array.from(
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
    'base64',
  ),
);
/** A phone's exported outbox (of the village officer), as the import takes it. */
const outboxUpload = (bytes: Uint8Array) => ({ fields: {}, file: { name: '离线记录.zip', type: 'application/zip', bytes } });
const villageOutbox = (ids: TownIds) =>
  writeOutboxArchive({
    author: { id: ids.villageUser, username: 'village' },
    exportedAt: '2026-03-02T08:00:00Z',
    items: [],
    photos: new Map(),
  });
const widenP2 = (ids: TownIds) => ({ kind: 'widen', passage_id: ids.passages.P2, width_m: 4 });
const siteInTown = { kind: 'water', lon: 112.095, lat: 37.366 };
const siteInBeijing = { kind: 'station', lon: 116.397, lat: 39.909 };
const hazard = { category: 'electrical', severity: 'general', description: '私拉乱接电线' };
const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

/** Every handler of every route file under app/api, each with one valid request. */
export const ENDPOINTS: Endpoint[] = [
  { route: '/api/auth/me', method: 'GET', valid: () => ({}) },
  { route: '/api/auth/sign-in', method: 'POST', valid: () => ({ json: { username: 'admin', password: DEMO_PASSWORD } }) },
  { route: '/api/auth/sign-out', method: 'POST', valid: () => ({}), ownSession: true },
  { route: '/api/health', method: 'GET', valid: () => ({}) },
  {
    route: '/api/v1/analysis/[name]',
    method: 'GET',
    valid: () => ({ params: { name: 'water-coverage' }, query: { month: '7' } }),
  },
  {
    route: '/api/v1/audit',
    method: 'GET',
    valid: () => ({ query: { actor: 'admin', table: 'hazards', from: '2026-01-01', to: '2026-12-31', limit: '10', offset: '0' } }),
  },
  { route: '/api/v1/counts', method: 'GET', valid: () => ({ query: { bbox: '112.08,37.35,112.12,37.38', layer: 'buildings' } }) },
  {
    route: '/api/v1/features/[layer]/[id]',
    method: 'GET',
    valid: (ids) => ({ params: { layer: 'buildings', id: String(ids.buildings.B1) } }),
  },
  {
    route: '/api/v1/features/[layer]/[id]',
    method: 'PATCH',
    valid: (ids) => ({
      params: { layer: 'buildings', id: String(ids.buildings.B1) },
      json: { version: ids.versions.building, properties: { floors: 2, fire_grade: '3', has_smoke_alarm: true } },
    }),
    extra: (ids) => [
      {
        name: 'a version the feature no longer has',
        request: { params: { layer: 'buildings', id: String(ids.buildings.B1) }, json: { version: ids.versions.building + 1 } },
        expect: [409],
      },
      {
        name: 'a value outside the field’s list',
        request: {
          params: { layer: 'buildings', id: String(ids.buildings.B1) },
          json: { version: ids.versions.building, properties: { fire_grade: '五级' } },
        },
        expect: [400],
      },
      {
        name: 'a self-intersecting footprint',
        request: {
          params: { layer: 'buildings', id: String(ids.buildings.B1) },
          json: {
            version: ids.versions.building,
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [112.095, 37.365],
                  [112.0951, 37.3651],
                  [112.0951, 37.365],
                  [112.095, 37.3651],
                  [112.095, 37.365],
                ],
              ],
            },
          },
        },
        expect: [422],
      },
      {
        name: 'a hazard edited as base data',
        request: { params: { layer: 'hazards', id: String(ids.hazards.H2) }, json: { version: 1 } },
        expect: [400],
      },
    ],
  },
  {
    route: '/api/v1/features/[layer]/[id]/current',
    method: 'GET',
    valid: (ids) => ({ params: { layer: 'buildings', id: String(ids.buildings.B1) } }),
    extra: () => [{ name: 'a record layer', request: { params: { layer: 'hazards', id: '1' } }, expect: [400] }],
  },
  {
    route: '/api/v1/features/[layer]',
    method: 'POST',
    valid: () => ({
      params: { layer: 'water-sources' },
      json: {
        properties: { code: 'W-NEW', name: '新建消火栓', kind: 'hydrant', status: 'in_service' },
        geometry: { type: 'Point', coordinates: [112.0961, 37.3651] },
      },
    }),
    extra: () => [
      {
        name: 'a required field missing',
        request: {
          params: { layer: 'water-sources' },
          json: { properties: { code: 'W-X' }, geometry: { type: 'Point', coordinates: [112.0961, 37.3651] } },
        },
        expect: [400],
      },
      {
        name: 'a line for a point layer',
        request: {
          params: { layer: 'water-sources' },
          json: {
            properties: { code: 'W-Y', name: '线', kind: 'hydrant', status: 'in_service' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [112.0961, 37.3651],
                [112.0962, 37.3652],
              ],
            },
          },
        },
        expect: [400],
      },
    ],
  },
  {
    route: '/api/v1/features/[layer]/[id]',
    method: 'DELETE',
    valid: (ids) => ({ params: { layer: 'stations', id: String(ids.stations.S1) }, query: { version: String(ids.versions.station) } }),
    extra: (ids) => [
      {
        name: 'a version the feature no longer has',
        request: { params: { layer: 'stations', id: String(ids.stations.S1) }, query: { version: String(ids.versions.station + 1) } },
        expect: [409],
      },
      { name: 'no version', request: { params: { layer: 'stations', id: String(ids.stations.S1) } }, expect: [400] },
    ],
  },
  {
    route: '/api/v1/hazards/[id]/notifications',
    method: 'POST',
    valid: (ids) => ({ params: { id: String(ids.hazards.H2) }, json: { method: 'written_notice', on: '2026-03-02' } }),
  },
  {
    route: '/api/v1/hazards/[id]/photos/[photoId]',
    method: 'GET',
    valid: (ids) => ({ params: { id: String(ids.hazards.H2), photoId: String(ids.photo) }, query: { size: 'thumbnail' } }),
  },
  { route: '/api/v1/hazards/[id]/photos', method: 'GET', valid: (ids) => ({ params: { id: String(ids.hazards.H2) } }) },
  {
    route: '/api/v1/hazards/[id]/photos',
    method: 'POST',
    idempotent: true,
    valid: (ids) => ({
      params: { id: String(ids.hazards.H2) },
      upload: { fields: { kind: 'before' }, file: { name: 'before.jpg', type: 'image/jpeg', bytes: JPEG } },
    }),
  },
  { route: '/api/v1/hazards/[id]', method: 'GET', valid: (ids) => ({ params: { id: String(ids.hazards.H2) } }) },
  {
    route: '/api/v1/hazards/[id]',
    method: 'PATCH',
    idempotent: true,
    valid: (ids) => ({
      params: { id: String(ids.hazards.H2) },
      json: { version: ids.versions.hazard, deadline: '2026-05-01', measured: 2.5, location: { lon: 112.0961, lat: 37.3651 } },
    }),
  },
  {
    route: '/api/v1/hazards/[id]/transitions',
    method: 'POST',
    idempotent: true,
    valid: (ids) => ({
      params: { id: String(ids.hazards.H2) },
      json: { to: 'in_progress', note: '开始整改', version: ids.versions.hazard },
    }),
  },
  {
    route: '/api/v1/hazards/export',
    method: 'GET',
    valid: () => ({ query: { format: 'csv', found_from: '2026-01-01', found_to: '2026-12-31', village: MINI_V1 } }),
  },
  {
    route: '/api/v1/hazards/import',
    method: 'POST',
    valid: () => ({ upload: importForm(['刘胡兰村,电气,一般,私拉电线,2026-03-01,112.095,37.364'], 'false') }),
    extra: () => [
      {
        name: 'a row of the village placed in Beijing',
        request: { upload: importForm(['刘胡兰村,电气,一般,私拉电线,2026-03-01,116.397,39.909'], 'true') },
        expect: [422],
      },
      {
        name: 'a control character inside a cell',
        request: { upload: importForm(['刘胡兰村,电气,一般,私拉\u0007电线,2026-03-01,112.095,37.364'], 'true') },
        expect: [400, 422],
      },
      {
        name: 'an impossible date in a cell',
        request: { upload: importForm(['刘胡兰村,电气,一般,私拉电线,2026-02-30,112.095,37.364'], 'true') },
        expect: [400, 422],
      },
    ],
  },
  {
    route: '/api/v1/imports',
    method: 'POST',
    valid: () => ({ upload: importUpload() }),
    extra: () => [
      {
        name: 'a zip without a .shp',
        request: {
          upload: {
            fields: { layer: 'buildings' },
            file: { name: 'b.zip', type: 'application/zip', bytes: zipSync({ 'b.dbf': new Uint8Array(8) }) },
          },
        },
        expect: [400],
      },
      {
        name: 'projected metres declared as lon/lat',
        request: { upload: importUpload(waterSourceFile([19_500_000, 4_140_000])) },
        expect: [422],
      },
      {
        name: 'a line for a layer of points',
        request: {
          upload: importUpload(
            waterSourceFile(
              [
                [112.09, 37.36],
                [112.091, 37.361],
              ] as never,
              'LineString',
            ),
          ),
        },
        expect: [422],
      },
      { name: 'an unknown layer', request: { upload: importUpload(undefined, { layer: 'hazards' }) }, expect: [400] },
      {
        name: 'a mapping to a field the file lacks',
        request: { upload: importUpload(undefined, { layer: 'water-sources', mapping: '{"name":"无此列"}' }) },
        expect: [400],
      },
    ],
  },
  { route: '/api/v1/imports', method: 'GET', valid: () => ({ query: { limit: '10' } }) },
  { route: '/api/v1/imports/[id]', method: 'GET', valid: (ids) => ({ params: { id: String(ids.imports.preview) } }) },
  {
    route: '/api/v1/imports/[id]/commit',
    method: 'POST',
    valid: (ids) => ({ params: { id: String(ids.imports.preview) }, json: { retire_missing: false } }),
    extra: (ids) => [
      { name: 'a batch already applied', request: { params: { id: String(ids.imports.applied) }, json: {} }, expect: [409] },
    ],
  },
  { route: '/api/v1/imports/[id]/rollback', method: 'POST', valid: (ids) => ({ params: { id: String(ids.imports.applied) } }) },
  {
    route: '/api/v1/imports/[id]/discard',
    method: 'POST',
    valid: (ids) => ({ params: { id: String(ids.imports.preview) } }),
    extra: (ids) => [{ name: 'a batch already applied', request: { params: { id: String(ids.imports.applied) } }, expect: [409] }],
  },
  { route: '/api/v1/buildings/[id]/field-checks', method: 'GET', valid: (ids) => ({ params: { id: String(ids.buildings.B1) } }) },
  {
    route: '/api/v1/buildings/[id]/field-checks',
    method: 'POST',
    idempotent: true,
    valid: (ids) => ({
      params: { id: String(ids.buildings.B1) },
      json: { observed_at: '2026-03-01T09:30:00+08:00', has_smoke_alarm: true, has_extinguisher: false, note: '已核查' },
    }),
    extra: (ids) => [
      {
        name: 'a check with no finding',
        request: { params: { id: String(ids.buildings.B1) }, json: { observed_at: '2026-03-01T09:30:00Z' } },
        expect: [400],
      },
      {
        name: 'a check observed tomorrow',
        request: { params: { id: String(ids.buildings.B1) }, json: { observed_at: `${tomorrow()}T00:00:00Z`, has_smoke_alarm: true } },
        expect: [400],
      },
      {
        name: 'a check observed before the campaign',
        request: { params: { id: String(ids.buildings.B1) }, json: { observed_at: '2023-12-31T12:00:00Z', has_smoke_alarm: true } },
        expect: [400],
      },
      {
        name: 'a check on an impossible day',
        request: { params: { id: String(ids.buildings.B1) }, json: { observed_at: '2026-02-30T09:00:00Z', has_smoke_alarm: true } },
        expect: [400],
      },
      {
        name: 'a check without a time zone',
        request: { params: { id: String(ids.buildings.B1) }, json: { observed_at: '2026-03-01T09:00:00', has_smoke_alarm: true } },
        expect: [400],
      },
      {
        name: 'a finding that is not a boolean',
        request: { params: { id: String(ids.buildings.B1) }, json: { observed_at: '2026-03-01T09:00:00Z', has_smoke_alarm: 'yes' } },
        expect: [400],
      },
      {
        name: 'a note over 500 characters',
        request: {
          params: { id: String(ids.buildings.B1) },
          json: { observed_at: '2026-03-01T09:00:00Z', has_smoke_alarm: true, note: '查'.repeat(501) },
        },
        expect: [400],
      },
    ],
  },
  { route: '/api/v1/obstacles/[id]/field-checks', method: 'GET', valid: (ids) => ({ params: { id: String(ids.obstacles.O1) } }) },
  {
    route: '/api/v1/obstacles/[id]/field-checks',
    method: 'POST',
    idempotent: true,
    valid: (ids) => ({
      params: { id: String(ids.obstacles.O1) },
      json: { observed_at: '2026-03-01T09:30:00+08:00', cleared: false, note: '仍占道' },
    }),
    extra: (ids) => [
      {
        name: 'a check without cleared',
        request: { params: { id: String(ids.obstacles.O1) }, json: { observed_at: '2026-03-01T09:30:00Z' } },
        expect: [400],
      },
      {
        name: 'a building finding on an obstacle',
        request: {
          params: { id: String(ids.obstacles.O1) },
          json: { observed_at: '2026-03-01T09:30:00Z', cleared: true, has_smoke_alarm: true },
        },
        expect: [400],
      },
    ],
  },
  { route: '/api/v1/hazards', method: 'GET', valid: () => ({ query: { status: 'pending', limit: '50', offset: '0', overdue: 'false' } }) },
  {
    route: '/api/v1/hazards',
    method: 'POST',
    idempotent: true,
    valid: (ids) => ({ json: { ...hazard, found_on: '2026-03-01', building_id: ids.buildings.B1, measured: 1 } }),
    extra: () => [
      {
        name: 'a hazard of the village placed in Beijing',
        request: { json: { ...hazard, village_code: MINI_V1, location: { lon: 116.397, lat: 39.909 } } },
        expect: [422],
      },
      {
        name: 'a hazard found in the future',
        request: { json: { ...hazard, found_on: tomorrow(), location: { lon: 112.095, lat: 37.364 } } },
        expect: [400],
      },
      {
        name: 'a point of one village with the code of the other',
        request: { json: { ...hazard, village_code: MINI_V2, location: { lon: 112.095, lat: 37.364 } } },
        expect: [422],
      },
    ],
  },
  {
    route: '/api/v1/layers/[layer]',
    method: 'GET',
    valid: () => ({ params: { layer: 'passages' }, query: { bbox: '112.08,37.35,112.12,37.38' } }),
  },
  {
    route: '/api/v1/layers/[layer]/export',
    method: 'GET',
    valid: () => ({ params: { layer: 'buildings' }, query: { format: 'shp', encoding: 'gbk', village: MINI_V1 } }),
    extra: (): ExtraCase[] => [
      { name: 'a record layer, not a base layer', request: { params: { layer: 'hazards' }, query: { format: 'csv' } }, expect: [400] },
      { name: 'an unknown format', request: { params: { layer: 'buildings' }, query: { format: 'dwg' } }, expect: [400] },
      {
        name: 'an encoding the Shapefile is not written in',
        request: { params: { layer: 'buildings' }, query: { format: 'shp', encoding: 'latin1' } },
        expect: [400],
      },
    ],
  },
  { route: '/api/v1/passage-fixes/[id]', method: 'GET', valid: (ids) => ({ params: { id: String(ids.fix) } }) },
  {
    route: '/api/v1/passage-fixes/[id]',
    method: 'PATCH',
    valid: (ids) => ({ params: { id: String(ids.fix) }, json: { version: ids.versions.fix, responsible: '王五', deadline: '2026-12-31' } }),
  },
  { route: '/api/v1/passage-fixes', method: 'GET', valid: (ids) => ({ query: { status: 'plan', scenario: String(ids.scenario) } }) },
  {
    route: '/api/v1/passage-fixes',
    method: 'POST',
    valid: (ids) => ({ json: { fix: widenP2(ids), responsible: '王五', deadline: '2026-12-31', note: '拓宽' } }),
    extra: (ids) => [
      {
        name: 'a fix of a passage that does not exist',
        request: { json: { fix: { ...widenP2(ids), passage_id: 2_147_483_647 } } },
        expect: [404, 422],
      },
      {
        name: 'a new link of one position',
        request: { json: { fix: { kind: 'new_link', geometry: { type: 'LineString', coordinates: [[112.095, 37.364]] }, width_m: 4 } } },
        expect: [400],
      },
    ],
  },
  { route: '/api/v1/passage-fixes/segments', method: 'GET', valid: () => ({}) },
  { route: '/api/v1/reports/annual', method: 'GET', valid: () => ({ query: { format: 'xlsx', year: '2026' } }) },
  { route: '/api/v1/reports/monthly', method: 'GET', valid: () => ({ query: { format: 'xlsx', month: '2026-06', village: MINI_V1 } }) },
  {
    route: '/api/v1/scenarios/[id]/apply',
    method: 'POST',
    valid: (ids) => ({ params: { id: String(ids.scenario) }, json: { responsible: '王五', deadline: '2026-12-31', note: '' } }),
  },
  { route: '/api/v1/scenarios/[id]', method: 'GET', valid: (ids) => ({ params: { id: String(ids.scenario) } }) },
  {
    route: '/api/v1/scenarios/evaluate',
    method: 'POST',
    valid: (ids) => ({ json: { fixes: [widenP2(ids)], sites: [siteInTown], target_min: 5, month: 7 } }),
    extra: (ids) => [{ name: 'a site in Beijing', request: { json: { fixes: [widenP2(ids)], sites: [siteInBeijing] } }, expect: [422] }],
  },
  { route: '/api/v1/scenarios', method: 'GET', valid: () => ({}) },
  {
    route: '/api/v1/scenarios',
    method: 'POST',
    valid: (ids) => ({ json: { name: '拓宽方案', fixes: [widenP2(ids)], sites: [siteInTown] } }),
    extra: () => [{ name: 'a site in Beijing', request: { json: { name: '远方', sites: [siteInBeijing] } }, expect: [422] }],
  },
  { route: '/api/v1/search', method: 'GET', valid: () => ({ query: { q: '小卖部' } }) },
  { route: '/api/v1/stats/coverage-gaps', method: 'GET', valid: () => ({ query: { village: MINI_V1 } }) },
  { route: '/api/v1/stats/monthly', method: 'GET', valid: () => ({ query: { month: '2026-06', village: MINI_V1 } }) },
  { route: '/api/v1/stats/screen', method: 'GET', valid: () => ({ query: { village: MINI_V1 } }) },
  {
    route: '/api/v1/suggestions/[kind]',
    method: 'GET',
    valid: () => ({ params: { kind: 'station' }, query: { k: '2', month: '7', speed_kmh: '20' } }),
  },
  {
    route: '/api/v1/tiles/[layer]/[z]/[x]/[y]',
    method: 'GET',
    valid: () => ({ params: { layer: 'buildings', z: '14', x: '13293', y: '6356' } }),
    pathNumbers: 'coordinates',
  },
  {
    route: '/api/v1/users/[id]',
    method: 'PATCH',
    valid: (ids) => ({
      params: { id: String(ids.villageUser) },
      json: { version: ids.versions.villageUser, display_name: '村级信息员', villages: [MINI_V1] },
    }),
  },
  { route: '/api/v1/users', method: 'GET', valid: () => ({}) },
  { route: '/api/v1/users/[id]/password-reset', method: 'POST', valid: (ids) => ({ params: { id: String(ids.plannerUser) } }) },
  {
    route: '/api/v1/users',
    method: 'POST',
    valid: () => ({
      json: { username: 'inspector2', display_name: '检查员乙', role: 'inspector', villages: [MINI_V2], password: 'a-long-password-1' },
    }),
  },
  { route: '/api/v1/villages', method: 'GET', valid: () => ({}) },
  { route: '/api/v1/plates', method: 'GET', valid: () => ({ query: { village: MINI_V1 } }) },
  { route: '/api/v1/plates/records', method: 'GET', valid: () => ({}) },
  {
    route: '/api/v1/outbox-imports',
    method: 'POST',
    valid: (ids) => ({ upload: outboxUpload(villageOutbox(ids)) }),
    extra: (ids) => [
      {
        name: 'an archive holding a file that is not part of an outbox',
        request: { upload: outboxUpload(zipSync({ 'outbox.json': villageOutbox(ids), 'run.sh': new TextEncoder().encode('rm -rf /') })) },
        expect: [400],
      },
      {
        name: 'an archive of a user who does not exist',
        request: {
          upload: outboxUpload(
            writeOutboxArchive({ author: { id: 2147483647, username: 'ghost' }, exportedAt: 'x', items: [], photos: new Map() }),
          ),
        },
        expect: [422],
      },
    ],
  },
  { route: '/api/v1/tiles/[layer]', method: 'GET', valid: () => ({ params: { layer: 'buildings' } }) },
  { route: '/api/v1/styles/[layer]', method: 'GET', valid: () => ({ params: { layer: 'buildings' }, query: { color: 'use' } }) },
  { route: '/api/v1/tokens', method: 'GET', valid: () => ({}) },
  { route: '/api/v1/tokens', method: 'POST', valid: () => ({ json: { name: 'QGIS 台式机', expires_in_days: 30 } }) },
  { route: '/api/v1/tokens/[id]', method: 'DELETE', valid: (ids) => ({ params: { id: String(ids.token) } }) },
  { route: '/ogc', method: 'GET', valid: () => ({ query: { f: 'json' } }) },
  { route: '/ogc/api', method: 'GET', valid: () => ({}) },
  { route: '/ogc/conformance', method: 'GET', valid: () => ({}) },
  { route: '/ogc/collections', method: 'GET', valid: () => ({}) },
  { route: '/ogc/collections/[collectionId]', method: 'GET', valid: () => ({ params: { collectionId: 'buildings' } }) },
  {
    route: '/ogc/collections/[collectionId]/items',
    method: 'GET',
    valid: () => ({
      params: { collectionId: 'buildings' },
      query: { limit: '10', bbox: '112.08,37.35,112.12,37.38', filter: "village_code = '141121104201'", properties: 'code,name' },
    }),
    extra: (): ExtraCase[] => [
      {
        name: 'a filter that is not CQL2',
        request: { params: { collectionId: 'buildings' }, query: { filter: "code = 'B1'; DROP TABLE buildings" } },
        expect: [400],
      },
      { name: 'an unknown CRS', request: { params: { collectionId: 'buildings' }, query: { crs: 'EPSG:3857' } }, expect: [400] },
      {
        name: 'a bbox with swapped corners',
        request: { params: { collectionId: 'buildings' }, query: { bbox: '112.12,37.38,112.08,37.35' } },
        expect: [400],
      },
    ],
  },
  {
    route: '/ogc/collections/[collectionId]/items/[featureId]',
    method: 'GET',
    valid: (ids) => ({ params: { collectionId: 'buildings', featureId: String(ids.buildings.B1) } }),
  },
  { route: '/ogc/collections/[collectionId]/queryables', method: 'GET', valid: () => ({ params: { collectionId: 'buildings' } }) },
  {
    route: '/api/auth/password',
    method: 'POST',
    // Keeping the same password is allowed unless it is a temporary one, so the suite's admin keeps signing in.
    valid: () => ({ json: { current_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD } }),
    // It ends the admin's other sessions, so it comes last.
    ownSession: true,
  },
];
