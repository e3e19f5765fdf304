// Validates a generated data set against geodata/CONTRACT.md and the geometric promises of the generator:
//   npx tsx geodata/generator/check.ts [--dir geodata]
// Exact tests run on the rounded coordinates as integers (1e-7 degree units), so "valid" here means valid
// for the stored file, not for the generator's floating-point model.

import fs from 'node:fs';
import path from 'node:path';
import { Projection } from './projection';
import { GridIndex } from './spatial-index';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Props = Record<string, Json>;
interface Feature {
  type: string;
  properties: Props;
  geometry: { type: string; coordinates: Json };
}
type IPt = [number, number]; // integer 1e-7 degrees

const errors: string[] = [];
const notes: string[] = [];
const fail = (message: string) => {
  if (errors.length < 200) errors.push(message);
  else if (errors.length === 200) errors.push('… more errors suppressed');
};

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? (args[dirIndex + 1] ?? 'geodata') : 'geodata';
const projection = new Projection();
const TODAY = '2026-11-30';

// ---------- contract ----------
const ENUMS = {
  use: ['residential', 'business', 'factory', 'warehouse', 'public'],
  nine: ['shop', 'eatery', 'inn', 'workshop', 'clinic', 'school', 'entertainment', 'internet_cafe', 'bath_beauty'],
  structure: ['earth_wood', 'brick_wood', 'brick_concrete', 'frame', 'steel'],
  grade: ['1-2', '3', '4'],
  passageClass: ['town_road', 'village_road', 'lane', 'field_road'],
  surface: ['asphalt', 'concrete', 'gravel', 'earth'],
  obstacle: ['illegal_structure', 'piled_goods', 'parked_vehicle', 'ground_lock', 'straw_pile'],
  obstacleStatus: ['open', 'cleared'],
  waterKind: ['hydrant', 'pond', 'well', 'tank', 'river_intake'],
  waterStatus: ['in_service', 'out_of_service'],
  stationKind: ['micro_station', 'volunteer_team', 'township_brigade', 'county_station'],
  unitKind: ['key_unit', 'crowded', 'nine_small', 'distillery', 'packaging', 'farm', 'other'],
  strawSize: ['large', 'small'],
  category: ['passage', 'spacing', 'water', 'electrical', 'fire_use', 'exits', 'alarm_extinguisher', 'straw', 'other'],
  placeType: ['nine_small', 'distillery', 'packaging', 'farm', 'crowded', 'key_unit', 'self_built'],
  severity: ['general', 'major'],
  hazardStatus: ['pending', 'in_progress', 'awaiting_review', 'closed'],
  action: ['created', 'notified', 'transition'],
  notifyMethod: ['phone', 'sms', 'in_person', 'written_notice', 'wechat'],
  cause: ['electrical', 'fire_use', 'straw', 'smoking', 'children', 'other'],
} as const;

type Rule =
  | 'string'
  | 'string?'
  | 'int'
  | 'int?'
  | 'number'
  | 'number?'
  | 'bool'
  | 'date'
  | 'date?'
  | readonly string[]
  | { nullable: readonly string[] }
  | 'months'
  | 'events'
  | 'village'
  | 'village?';

const FILES: Record<string, { geometry: string; props: Record<string, Rule> }> = {
  villages: { geometry: 'MultiPolygon', props: { code: 'string', name: 'string', population: 'int', households: 'int', is_seat: 'bool' } },
  buildings: {
    geometry: 'Polygon',
    props: {
      code: 'string',
      village_code: 'village',
      name: 'string?',
      use: ENUMS.use,
      shop_front_home_back: 'bool',
      shop_below_home_above: 'bool',
      three_in_one: 'bool',
      nine_small_category: { nullable: ENUMS.nine },
      floors: 'int',
      height_m: 'number',
      structure: ENUMS.structure,
      fire_grade: ENUMS.grade,
      through_stair: 'bool',
      occupants: 'int',
      vulnerable_residents: 'int',
      has_smoke_alarm: 'bool',
      has_extinguisher: 'bool',
      responsible_person: 'string',
      built_year: 'int',
    },
  },
  passages: {
    geometry: 'LineString',
    props: {
      code: 'string',
      name: 'string?',
      village_code: 'village?',
      class: ENUMS.passageClass,
      clear_width_m: 'number',
      clear_height_m: 'number?',
      surface: ENUMS.surface,
      has_turnaround: 'bool',
      slope_pct: 'number',
    },
  },
  obstacles: {
    geometry: 'Point',
    props: {
      code: 'string',
      passage_code: 'string',
      obstacle_type: ENUMS.obstacle,
      status: ENUMS.obstacleStatus,
      found_on: 'date',
      cleared_on: 'date?',
      note: 'string',
    },
  },
  'water-sources': {
    geometry: 'Point',
    props: {
      code: 'string',
      name: 'string',
      village_code: 'village',
      kind: ENUMS.waterKind,
      capacity_m3: 'number?',
      usable_months: 'months',
      status: ENUMS.waterStatus,
    },
  },
  stations: {
    geometry: 'Point',
    props: {
      code: 'string',
      name: 'string',
      village_code: 'village?',
      kind: ENUMS.stationKind,
      staff: 'int',
      vehicles: 'int',
      vehicle_type: 'string',
      speed_kmh: 'number',
    },
  },
  units: {
    geometry: 'Point',
    props: {
      code: 'string',
      name: 'string',
      kind: ENUMS.unitKind,
      building_code: 'string?',
      village_code: 'village',
      trained_persons: 'int',
      drills_per_year: 'int',
      responsible_person: 'string',
    },
  },
  'straw-stacks': { geometry: 'Polygon', props: { code: 'string', village_code: 'village', size: ENUMS.strawSize, volume_m3: 'number' } },
  hazards: {
    geometry: 'Point',
    props: {
      code: 'string',
      village_code: 'village',
      building_code: 'string?',
      unit_code: 'string?',
      passage_code: 'string?',
      category: ENUMS.category,
      place_type: { nullable: ENUMS.placeType },
      severity: ENUMS.severity,
      criterion: 'string?',
      description: 'string',
      found_on: 'date',
      deadline: 'date',
      status: ENUMS.hazardStatus,
      responsible_person: 'string',
      closed_on: 'date?',
      events: 'events',
    },
  },
  incidents: {
    geometry: 'Point',
    props: {
      code: 'string',
      occurred_on: 'date',
      village_code: 'village',
      cause: ENUMS.cause,
      loss_yuan: 'number',
      deaths: 'int',
      injuries: 'int',
      description: 'string',
    },
  },
};

const isDate = (value: Json): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

let villageCodes = new Set<string>();

function checkValue(file: string, code: string, key: string, rule: Rule, value: Json): void {
  const where = `${file} ${code} ${key}`;
  if (Array.isArray(rule)) {
    if (typeof value !== 'string' || !rule.includes(value)) fail(`${where}: ${JSON.stringify(value)} not in enum`);
    return;
  }
  if (typeof rule === 'object' && 'nullable' in rule) {
    if (value !== null && (typeof value !== 'string' || !rule.nullable.includes(value)))
      fail(`${where}: ${JSON.stringify(value)} not in enum|null`);
    return;
  }
  switch (rule) {
    case 'string':
      if (typeof value !== 'string' || value.length === 0) fail(`${where}: expected non-empty string`);
      break;
    case 'string?':
      if (value !== null && (typeof value !== 'string' || value.length === 0)) fail(`${where}: expected string|null`);
      break;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(`${where}: expected non-negative integer`);
      break;
    case 'int?':
      if (value !== null && (typeof value !== 'number' || !Number.isInteger(value))) fail(`${where}: expected integer|null`);
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${where}: expected non-negative number`);
      break;
    case 'number?':
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0))
        fail(`${where}: expected positive number|null`);
      break;
    case 'bool':
      if (typeof value !== 'boolean') fail(`${where}: expected boolean`);
      break;
    case 'date':
      if (!isDate(value)) fail(`${where}: expected YYYY-MM-DD`);
      break;
    case 'date?':
      if (value !== null && !isDate(value)) fail(`${where}: expected YYYY-MM-DD|null`);
      break;
    case 'village':
      if (typeof value !== 'string' || !villageCodes.has(value)) fail(`${where}: unknown village ${JSON.stringify(value)}`);
      break;
    case 'village?':
      if (value !== null && (typeof value !== 'string' || !villageCodes.has(value)))
        fail(`${where}: unknown village ${JSON.stringify(value)}`);
      break;
    case 'months':
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        value.some((m, i) => typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 12 || (i > 0 && m <= (value[i - 1] as number)))
      )
        fail(`${where}: expected ascending months 1..12`);
      break;
    case 'events':
      if (!Array.isArray(value) || value.length === 0) fail(`${where}: expected non-empty events`);
      break;
  }
}

function load(name: string): Feature[] {
  const file = path.join(dir, `${name}.geojson`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { type?: string; features?: Feature[] };
  if (data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    fail(`${name}: not a FeatureCollection`);
    return [];
  }
  const spec = FILES[name];
  if (!spec) return data.features;
  const codes = new Set<string>();
  const expectedKeys = Object.keys(spec.props).join(',');
  for (const f of data.features) {
    const code = String(f.properties?.code);
    if (f.type !== 'Feature' || !f.geometry || f.geometry.type !== spec.geometry)
      fail(`${name} ${code}: geometry must be ${spec.geometry}`);
    if (Object.keys(f.properties).join(',') !== expectedKeys)
      fail(`${name} ${code}: properties ${Object.keys(f.properties).join(',')} != contract`);
    if (codes.has(code)) fail(`${name}: duplicate code ${code}`);
    codes.add(code);
    for (const [key, rule] of Object.entries(spec.props)) checkValue(name, code, key, rule, f.properties[key] ?? null);
    checkCoordinates(name, code, f.geometry.coordinates);
  }
  return data.features;
}

function checkCoordinates(name: string, code: string, value: Json): void {
  if (Array.isArray(value) && typeof value[0] === 'number') {
    if (value.length !== 2) fail(`${name} ${code}: position must be [lon, lat]`);
    for (const c of value as number[])
      if (Math.abs(Math.round(c * 1e7) - c * 1e7) > 1e-6) fail(`${name} ${code}: more than 7 decimals (${c})`);
    const [lon, lat] = value as number[];
    if (lon === undefined || lat === undefined || lon < 111.7 || lon > 112.5 || lat < 37.1 || lat > 37.7)
      fail(`${name} ${code}: position out of area ${lon},${lat}`);
    return;
  }
  if (Array.isArray(value)) for (const item of value) checkCoordinates(name, code, item);
}

// ---------- exact integer geometry ----------
const toInt = (p: Json): IPt => {
  const [lon, lat] = p as number[];
  return [Math.round((lon ?? 0) * 1e7) - 1_121_000_000, Math.round((lat ?? 0) * 1e7) - 373_700_000];
};
const orient = (a: IPt, b: IPt, c: IPt) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
const onSegment = (a: IPt, b: IPt, p: IPt) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
/** Segments share more than an endpoint: a proper crossing or a touch in the interior of one of them. */
function segmentsConflict(a: IPt, b: IPt, c: IPt, d: IPt): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return false;
}
function ringArea2(ring: IPt[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const p = ring[i] as IPt;
    const q = ring[i + 1] as IPt;
    sum += p[0] * q[1] - q[0] * p[1];
  }
  return sum;
}
function ringSimple(ring: IPt[]): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const a = ring[i] as IPt;
    const b = ring[i + 1] as IPt;
    if (a[0] === b[0] && a[1] === b[1]) return false;
    for (let j = i + 1; j < n; j++) {
      const c = ring[j] as IPt;
      const d = ring[j + 1] as IPt;
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) {
        // adjacent edges may only share their common vertex: no folding back (collinear overlap)
        const shared = j === i + 1 ? b : a;
        const other1 = j === i + 1 ? a : b;
        const other2 = j === i + 1 ? d : c;
        if (orient(other1, shared, other2) === 0 && (onSegment(other1, shared, other2) || onSegment(shared, other2, other1))) return false;
        continue;
      }
      if (segmentsConflict(a, b, c, d)) return false;
      if (orient(a, b, c) === 0 && onSegment(a, b, c)) return false;
      if (orient(a, b, d) === 0 && onSegment(a, b, d)) return false;
      if (orient(c, d, a) === 0 && onSegment(c, d, a)) return false;
      if (orient(c, d, b) === 0 && onSegment(c, d, b)) return false;
    }
  }
  return true;
}
function convex(ring: IPt[]): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) if (orient(ring[i] as IPt, ring[(i + 1) % n] as IPt, ring[(i + 2) % n] as IPt) <= 0) return false;
  return true;
}
/** Interiors of two convex CCW rings intersect (touching edges or corners do not count). */
function convexOverlap(a: IPt[], b: IPt[]): boolean {
  for (const [ring, other] of [
    [a, b],
    [b, a],
  ] as const) {
    for (let i = 0; i < ring.length - 1; i++) {
      const p = ring[i] as IPt;
      const q = ring[i + 1] as IPt;
      const nx = q[1] - p[1];
      const ny = -(q[0] - p[0]);
      let maxOwn = -Infinity;
      for (const v of ring) maxOwn = Math.max(maxOwn, v[0] * nx + v[1] * ny);
      let minOther = Infinity;
      for (const v of other) minOther = Math.min(minOther, v[0] * nx + v[1] * ny);
      if (minOther >= maxOwn) return false;
    }
  }
  return true;
}
function pointInRingInt(p: IPt, ring: IPt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const a = ring[i] as IPt;
    const b = ring[j] as IPt;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}
const boxOfInt = (ring: IPt[]) => {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
};

function polygonRing(name: string, f: Feature): IPt[] {
  const rings = (f.geometry.type === 'MultiPolygon' ? (f.geometry.coordinates as Json[][])[0] : f.geometry.coordinates) as Json[][];
  if (f.geometry.type === 'MultiPolygon' && (f.geometry.coordinates as Json[]).length !== 1)
    fail(`${name} ${f.properties.code}: expected one polygon`);
  if (rings?.length !== 1) fail(`${name} ${f.properties.code}: expected exactly one ring (no holes)`);
  const ring = (rings?.[0] ?? []).map(toInt);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1])
    fail(`${name} ${f.properties.code}: ring not closed`);
  if (ringArea2(ring) <= 0) fail(`${name} ${f.properties.code}: outer ring not counter-clockwise`);
  if (!ringSimple(ring)) fail(`${name} ${f.properties.code}: ring not simple (self-intersection)`);
  return ring;
}

// metric helpers (approximate, for distances in metres)
const metres = (p: IPt): [number, number] => projection.toLocal((p[0] + 1_121_000_000) / 1e7, (p[1] + 373_700_000) / 1e7);
function pointSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

// ---------- run ----------
const counts: Record<string, number> = {};
const villages = (() => {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'villages.geojson'), 'utf8')) as { features: Feature[] };
  villageCodes = new Set(raw.features.map((f) => String(f.properties.code)));
  return load('villages');
})();
counts.villages = villages.length;
const villageRings = new Map<string, IPt[]>();
for (const v of villages) {
  const code = String(v.properties.code);
  if (!/^\d{12}$/.test(code)) fail(`villages ${code}: code must be 12 digits`);
  villageRings.set(code, polygonRing('villages', v));
}
if (villages.filter((v) => v.properties.is_seat === true).length < 1) fail('villages: no town seat');
// villages must not overlap: no edge crossings between different villages, no vertex strictly inside another
{
  const edgeIndex = new GridIndex(20000);
  const edges: { v: string; a: IPt; b: IPt }[] = [];
  for (const [code, ring] of villageRings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i] as IPt;
      const b = ring[i + 1] as IPt;
      edges.push({ v: code, a, b });
      edgeIndex.insert(edges.length - 1, boxOfInt([a, b]));
    }
  }
  edges.forEach((e, id) => {
    edgeIndex.query(boxOfInt([e.a, e.b]), (other) => {
      const o = edges[other];
      if (!o || other <= id || o.v === e.v) return;
      if (segmentsConflict(e.a, e.b, o.a, o.b)) fail(`villages ${e.v} and ${o.v}: boundaries cross`);
    });
  });
  for (const [code, ring] of villageRings) {
    for (const [other, otherRing] of villageRings) {
      if (other === code) continue;
      const box = boxOfInt(otherRing);
      for (const p of ring) {
        if (p[0] <= box.minX || p[0] >= box.maxX || p[1] <= box.minY || p[1] >= box.maxY) continue;
        if (pointInRingInt(p, otherRing) && !otherRing.some((q) => q[0] === p[0] && q[1] === p[1])) {
          // a vertex strictly inside another village (not merely on its boundary)
          let onEdge = false;
          for (let i = 0; i < otherRing.length - 1 && !onEdge; i++) {
            const a = otherRing[i] as IPt;
            const b = otherRing[i + 1] as IPt;
            if (orient(a, b, p) === 0 && onSegment(a, b, p)) onEdge = true;
          }
          if (!onEdge) {
            fail(`villages: vertex of ${code} inside ${other}`);
            break;
          }
        }
      }
    }
  }
}
const villageBoxes = new Map([...villageRings].map(([code, ring]) => [code, boxOfInt(ring)]));
const villageOf = (p: IPt): string | null => {
  for (const [code, ring] of villageRings) {
    const box = villageBoxes.get(code);
    if (box && (p[0] < box.minX || p[0] > box.maxX || p[1] < box.minY || p[1] > box.maxY)) continue;
    if (pointInRingInt(p, ring)) return code;
  }
  return null;
};

const buildings = load('buildings');
counts.buildings = buildings.length;
const buildingRings: IPt[][] = [];
const buildingIndex = new GridIndex(3000);
const buildingByCode = new Map<string, number>();
buildings.forEach((b, i) => {
  const ring = polygonRing('buildings', b);
  buildingRings.push(ring);
  buildingByCode.set(String(b.properties.code), i);
  if (!convex(ring)) fail(`buildings ${b.properties.code}: footprint not convex`);
  buildingIndex.insert(i, boxOfInt(ring));
  const p = b.properties;
  const business = p.use === 'business';
  if (!business && (p.shop_front_home_back || p.shop_below_home_above || p.three_in_one))
    fail(`buildings ${p.code}: shop flags on a non-business building`);
  if (typeof p.floors === 'number' && (p.floors < 1 || p.floors > 6)) fail(`buildings ${p.code}: floors out of 1..6`);
  const vill = villageRings.get(String(p.village_code));
  if (vill && ring.some((q) => !pointInRingInt(q, vill))) fail(`buildings ${p.code}: not inside village ${p.village_code}`);
  // side lengths 6-20 m
  for (let k = 0; k < ring.length - 1; k++) {
    const a = metres(ring[k] as IPt);
    const c = metres(ring[k + 1] as IPt);
    const side = Math.hypot(c[0] - a[0], c[1] - a[1]);
    if (side < 5.95 || side > 20.05) {
      fail(`buildings ${p.code}: side ${side.toFixed(2)} m outside 6-20 m`);
      break;
    }
  }
});
let overlapPairs = 0;
buildingRings.forEach((ring, i) => {
  buildingIndex.query(boxOfInt(ring), (j) => {
    if (j <= i) return;
    const other = buildingRings[j];
    if (other && convexOverlap(ring, other)) {
      overlapPairs++;
      fail(`buildings ${buildings[i]?.properties.code} and ${buildings[j]?.properties.code} overlap`);
    }
  });
});

// passages: graph by exact endpoints
const passages = load('passages');
counts.passages = passages.length;
const passageByCode = new Map<string, Feature>();
const nodeKey = (p: Json) => JSON.stringify(p);
const degree = new Map<string, number>();
const parent = new Map<string, string>();
const find = (k: string): string => {
  let r = k;
  while (parent.get(r) !== r) r = parent.get(r) as string;
  parent.set(k, r);
  return r;
};
const corridorIndex = new GridIndex(30);
const corridors: { a: [number, number]; b: [number, number]; half: number; code: string }[] = [];
for (const f of passages) {
  passageByCode.set(String(f.properties.code), f);
  const coords = f.geometry.coordinates as Json[];
  if (coords.length < 2) fail(`passages ${f.properties.code}: fewer than 2 positions`);
  for (let i = 1; i < coords.length; i++)
    if (nodeKey(coords[i] ?? null) === nodeKey(coords[i - 1] ?? null)) fail(`passages ${f.properties.code}: repeated position`);
  const a = nodeKey(coords[0] ?? null);
  const b = nodeKey(coords[coords.length - 1] ?? null);
  if (a === b) fail(`passages ${f.properties.code}: closed loop`);
  for (const k of [a, b]) {
    degree.set(k, (degree.get(k) ?? 0) + 1);
    if (!parent.has(k)) parent.set(k, k);
  }
  const ra = find(a);
  const rb = find(b);
  if (ra !== rb) parent.set(ra, rb);
  const half = Number(f.properties.clear_width_m) / 2;
  for (let i = 1; i < coords.length; i++) {
    const p = metres(toInt(coords[i - 1] ?? null));
    const q = metres(toInt(coords[i] ?? null));
    corridors.push({ a: p, b: q, half, code: String(f.properties.code) });
    corridorIndex.insert(corridors.length - 1, {
      minX: Math.min(p[0], q[0]) - half - 1,
      minY: Math.min(p[1], q[1]) - half - 1,
      maxX: Math.max(p[0], q[0]) + half + 1,
      maxY: Math.max(p[1], q[1]) + half + 1,
    });
  }
  const cls = f.properties.class;
  const w = Number(f.properties.clear_width_m);
  const ranges: Record<string, [number, number]> = { town_road: [6, 9], village_road: [4, 6], lane: [2, 3.5], field_road: [3, 4.5] };
  const range = ranges[String(cls)];
  if (range && (w < range[0] || w > range[1])) fail(`passages ${f.properties.code}: width ${w} outside ${range} for ${cls}`);
}
const roots = new Set([...parent.keys()].map(find));
if (roots.size !== 1) fail(`passages: graph has ${roots.size} connected components (expected 1)`);

// buildings must stay out of passage corridors
buildingRings.forEach((ring, i) => {
  const pts = ring.slice(0, -1).map(metres);
  const box = {
    minX: Math.min(...pts.map((p) => p[0])),
    minY: Math.min(...pts.map((p) => p[1])),
    maxX: Math.max(...pts.map((p) => p[0])),
    maxY: Math.max(...pts.map((p) => p[1])),
  };
  corridorIndex.query(box, (id) => {
    const c = corridors[id];
    if (!c) return;
    // distance between the footprint and the centreline segment
    let d = Infinity;
    for (let k = 0; k < pts.length; k++) {
      const p = pts[k] as [number, number];
      const q = pts[(k + 1) % pts.length] as [number, number];
      d = Math.min(d, pointSegment(p, c.a, c.b), pointSegment(q, c.a, c.b), pointSegment(c.a, p, q), pointSegment(c.b, p, q));
    }
    const inside = pointInRingInt(toInt(projection.toLonLat(c.a[0], c.a[1])), ring);
    if (inside || d < c.half - 0.02)
      fail(
        `buildings ${buildings[i]?.properties.code}: overlaps passage ${c.code} (${d.toFixed(2)} m from centreline, half width ${c.half})`,
      );
  });
});

const obstacles = load('obstacles');
counts.obstacles = obstacles.length;
for (const o of obstacles) {
  const p = o.properties;
  const passage = passageByCode.get(String(p.passage_code));
  if (!passage) {
    fail(`obstacles ${p.code}: unknown passage ${p.passage_code}`);
    continue;
  }
  const key = nodeKey(o.geometry.coordinates);
  if (!(passage.geometry.coordinates as Json[]).some((c) => nodeKey(c) === key))
    fail(`obstacles ${p.code}: not a vertex of passage ${p.passage_code}`);
  if ((p.status === 'open') !== (p.cleared_on === null)) fail(`obstacles ${p.code}: cleared_on must be null exactly when open`);
  if (typeof p.cleared_on === 'string' && typeof p.found_on === 'string' && p.cleared_on < p.found_on)
    fail(`obstacles ${p.code}: cleared before found`);
}

const water = load('water-sources');
counts['water-sources'] = water.length;
const stations = load('stations');
counts.stations = stations.length;
const units = load('units');
counts.units = units.length;
const unitCodes = new Set(units.map((u) => String(u.properties.code)));
for (const u of units) {
  const b = u.properties.building_code;
  if (b !== null && !buildingByCode.has(String(b))) fail(`units ${u.properties.code}: unknown building ${b}`);
}
const straw = load('straw-stacks');
counts['straw-stacks'] = straw.length;
let strawOnPassages = 0;
for (const s of straw) {
  const ring = polygonRing('straw-stacks', s);
  buildingIndex.query(boxOfInt(ring), (j) => {
    const other = buildingRings[j];
    if (other && convexOverlap(ring, other)) fail(`straw-stacks ${s.properties.code}: overlaps building ${buildings[j]?.properties.code}`);
  });
  const pts = ring.slice(0, -1).map(metres);
  const box = {
    minX: Math.min(...pts.map((p) => p[0])),
    minY: Math.min(...pts.map((p) => p[1])),
    maxX: Math.max(...pts.map((p) => p[0])),
    maxY: Math.max(...pts.map((p) => p[1])),
  };
  let on = false;
  corridorIndex.query(box, (id) => {
    const c = corridors[id];
    if (!c) return;
    for (const p of pts) if (pointSegment(p, c.a, c.b) < c.half) on = true;
  });
  if (on) strawOnPassages++;
}

const hazards = load('hazards');
counts.hazards = hazards.length;
let overdue = 0;
let closed = 0;
for (const h of hazards) {
  const p = h.properties;
  if (p.building_code !== null && !buildingByCode.has(String(p.building_code))) fail(`hazards ${p.code}: unknown building`);
  if (p.unit_code !== null && !unitCodes.has(String(p.unit_code))) fail(`hazards ${p.code}: unknown unit`);
  if (p.passage_code !== null && !passageByCode.has(String(p.passage_code))) fail(`hazards ${p.code}: unknown passage`);
  if (typeof p.found_on === 'string' && (p.found_on < '2024-01-01' || p.found_on > TODAY))
    fail(`hazards ${p.code}: found_on outside 2024-01-01..${TODAY}`);
  if (typeof p.deadline === 'string' && typeof p.found_on === 'string' && p.deadline < p.found_on)
    fail(`hazards ${p.code}: deadline before found_on`);
  if ((p.severity === 'major') !== (p.criterion !== null)) fail(`hazards ${p.code}: criterion expected exactly for major hazards`);
  const events = (Array.isArray(p.events) ? p.events : []) as Props[];
  let status: Json = null;
  let lastAt = '';
  let closedAt: string | null = null;
  events.forEach((e, k) => {
    const keys = Object.keys(e).join(',');
    if (keys !== 'at,actor,action,from_status,to_status,note,notify_method') fail(`hazards ${p.code}: event keys ${keys}`);
    if (typeof e.at !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(e.at))
      fail(`hazards ${p.code}: bad event time ${e.at}`);
    if (typeof e.at === 'string') {
      if (e.at < lastAt) fail(`hazards ${p.code}: events out of order`);
      if (e.at.slice(0, 10) > TODAY) fail(`hazards ${p.code}: event after ${TODAY}`);
      lastAt = e.at;
    }
    if (!ENUMS.action.includes(e.action as never)) fail(`hazards ${p.code}: bad action ${e.action}`);
    if (k === 0 && e.action !== 'created') fail(`hazards ${p.code}: first event must be created`);
    if (e.action === 'created') status = e.to_status ?? 'pending';
    if (e.action === 'notified' && (typeof e.notify_method !== 'string' || e.from_status !== null || e.to_status !== null))
      fail(`hazards ${p.code}: notified event fields`);
    if (e.action !== 'notified' && e.notify_method !== null) fail(`hazards ${p.code}: notify_method only on notified`);
    if (e.action === 'notified' && !ENUMS.notifyMethod.includes(e.notify_method as never)) {
      fail(`hazards ${p.code}: notify_method ${e.notify_method} is not one of the product's`);
    }
    if (e.action === 'transition') {
      if (e.from_status !== status) fail(`hazards ${p.code}: transition from ${e.from_status} but status was ${status}`);
      if (!ENUMS.hazardStatus.includes(e.to_status as never)) fail(`hazards ${p.code}: bad to_status`);
      status = e.to_status ?? null;
      if (e.to_status === 'closed' && typeof e.at === 'string') closedAt = e.at.slice(0, 10);
    }
  });
  if (status !== p.status) fail(`hazards ${p.code}: status ${p.status} but events end at ${status}`);
  if ((p.closed_on ?? null) !== closedAt) fail(`hazards ${p.code}: closed_on ${p.closed_on} != closing event ${closedAt}`);
  if (p.status === 'closed') closed++;
  else if (typeof p.deadline === 'string' && p.deadline < TODAY) overdue++;
  // hazards sit at/near what they link to
  const at = metres(toInt(h.geometry.coordinates));
  if (p.building_code !== null) {
    const ring = buildingRings[buildingByCode.get(String(p.building_code)) ?? -1];
    if (ring) {
      const c = metres(ring[0] as IPt);
      if (Math.hypot(c[0] - at[0], c[1] - at[1]) > 60) fail(`hazards ${p.code}: far from its building`);
    }
  }
  const v = villageOf(toInt(h.geometry.coordinates));
  if (v !== p.village_code) fail(`hazards ${p.code}: point in village ${v}, says ${p.village_code}`);
}

const incidents = load('incidents');
counts.incidents = incidents.length;
for (const x of incidents) {
  const d = String(x.properties.occurred_on);
  if (d < '2021-01-01' || d > TODAY) fail(`incidents ${x.properties.code}: date out of range`);
}
for (const [name, list] of [
  ['units', units],
  ['stations', stations],
  ['water-sources', water],
  ['incidents', incidents],
  ['buildings', buildings],
] as const) {
  for (const f of list) {
    const point =
      f.geometry.type === 'Point'
        ? toInt(f.geometry.coordinates)
        : (f.geometry.coordinates as Json[][])[0]?.[0]
          ? toInt((f.geometry.coordinates as Json[][])[0]?.[0] ?? null)
          : null;
    if (!point) continue;
    const v = villageOf(point);
    if (v !== (f.properties.village_code ?? null))
      fail(`${name} ${f.properties.code}: lies in village ${v}, says ${f.properties.village_code}`);
  }
}

const drills = JSON.parse(fs.readFileSync(path.join(dir, 'drills.json'), 'utf8')) as Props[];
counts.drills = drills.length;
for (const d of drills) {
  if (Object.keys(d).join(',') !== 'unit_code,held_on,participants,note') fail(`drills: keys ${Object.keys(d)}`);
  if (!unitCodes.has(String(d.unit_code))) fail(`drills: unknown unit ${d.unit_code}`);
  if (!isDate(d.held_on ?? null) || String(d.held_on) < '2024-01-01' || String(d.held_on) > TODAY) fail(`drills: bad date ${d.held_on}`);
}
const trainings = JSON.parse(fs.readFileSync(path.join(dir, 'trainings.json'), 'utf8')) as Props[];
counts.trainings = trainings.length;
for (const t of trainings) {
  if (Object.keys(t).join(',') !== 'unit_code,village_code,person_name,trained_on') fail(`trainings: keys ${Object.keys(t)}`);
  if (t.unit_code !== null && !unitCodes.has(String(t.unit_code))) fail(`trainings: unknown unit ${t.unit_code}`);
  if (!villageCodes.has(String(t.village_code))) fail(`trainings: unknown village ${t.village_code}`);
  if (!isDate(t.trained_on ?? null)) fail(`trainings: bad date ${t.trained_on}`);
}
const trainedPerUnit = new Map<string, number>();
for (const t of trainings)
  if (t.unit_code !== null) trainedPerUnit.set(String(t.unit_code), (trainedPerUnit.get(String(t.unit_code)) ?? 0) + 1);
for (const u of units)
  if ((trainedPerUnit.get(String(u.properties.code)) ?? 0) !== u.properties.trained_persons)
    fail(`units ${u.properties.code}: trained_persons != trainings records`);

// ---------- statistics that the demo is meant to exhibit ----------
const degreeOne = [...degree.values()].filter((d) => d === 1).length;
let deadEndsLong = 0;
let deadEndsLongTurn = 0;
for (const f of passages) {
  const coords = f.geometry.coordinates as Json[];
  const ends = [nodeKey(coords[0] ?? null), nodeKey(coords[coords.length - 1] ?? null)];
  if (!ends.some((k) => degree.get(k) === 1)) continue;
  let length = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = metres(toInt(coords[i - 1] ?? null));
    const b = metres(toInt(coords[i] ?? null));
    length += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  if (length > 40) {
    deadEndsLong++;
    if (f.properties.has_turnaround) deadEndsLongTurn++;
  }
}
// contiguous low-grade clusters (GB 50039-style rural spacing table)
const RURAL: Record<string, number> = { '1-2|1-2': 4, '1-2|3': 5, '1-2|4': 6, '3|3': 6, '3|4': 7, '4|4': 8 };
const gradeOf = (i: number) => String(buildings[i]?.properties.fire_grade);
const spacingOf = (a: string, b: string) => RURAL[`${a}|${b}`] ?? RURAL[`${b}|${a}`] ?? 6;
const uf = buildings.map((_, i) => i);
const ufFind = (i: number): number => {
  while (uf[i] !== i) {
    uf[i] = uf[uf[i] as number] as number;
    i = uf[i] as number;
  }
  return i;
};
const metricRings = buildingRings.map((r) => r.slice(0, -1).map(metres));
const ringGap = (a: [number, number][], b: [number, number][]) => {
  let d = Infinity;
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++)
      d = Math.min(
        d,
        pointSegment(a[i] as [number, number], b[j] as [number, number], b[(j + 1) % b.length] as [number, number]),
        pointSegment(b[j] as [number, number], a[i] as [number, number], a[(i + 1) % a.length] as [number, number]),
      );
  return d;
};
let spacingViolations = 0;
buildingRings.forEach((ring, i) => {
  const gi = gradeOf(i);
  if (gi === '1-2') return;
  const box = boxOfInt(ring);
  const pad = 1000; // ~9-11 m in 1e-7 degrees
  buildingIndex.query({ minX: box.minX - pad, minY: box.minY - pad, maxX: box.maxX + pad, maxY: box.maxY + pad }, (j) => {
    if (j <= i || gradeOf(j) === '1-2') return;
    const gap = ringGap(metricRings[i] as [number, number][], metricRings[j] as [number, number][]);
    if (gap < spacingOf(gi, gradeOf(j))) {
      spacingViolations++;
      uf[ufFind(i)] = ufFind(j);
    }
  });
});
const clusterArea = new Map<number, number>();
buildings.forEach((_, i) => {
  if (gradeOf(i) === '1-2') return;
  const r = metricRings[i] as [number, number][];
  let a = 0;
  for (let k = 0; k < r.length; k++) {
    const p = r[k] as [number, number];
    const q = r[(k + 1) % r.length] as [number, number];
    a += p[0] * q[1] - q[0] * p[1];
  }
  const root = ufFind(i);
  clusterArea.set(root, (clusterArea.get(root) ?? 0) + Math.abs(a) / 2);
});
const bigClusters = [...clusterArea.values()].filter((a) => a > 3000).length;

notes.push(
  `passage graph: ${parent.size} nodes, ${roots.size} component(s), ${degreeOne} dead-end nodes, ${deadEndsLong} dead-end passages > 40 m (${deadEndsLongTurn} with turnaround)`,
);
notes.push(
  `lanes < 4 m: ${passages.filter((f) => Number(f.properties.clear_width_m) < 4).length}, clear height < 4 m: ${passages.filter((f) => f.properties.clear_height_m !== null && Number(f.properties.clear_height_m) < 4).length}`,
);
notes.push(
  `building pairs closer than rural spacing (grade 3/4): ${spacingViolations}; contiguous 3/4-grade clusters > 3000 m²: ${bigClusters}; overlapping pairs: ${overlapPairs}`,
);
notes.push(
  `straw stacks on passages: ${strawOnPassages}; hazards closed ${closed}, open ${hazards.length - closed}, overdue ${overdue}; major ${hazards.filter((h) => h.properties.severity === 'major').length}`,
);
notes.push(
  `business buildings ${buildings.filter((b) => b.properties.use === 'business').length}, distilleries ${units.filter((u) => u.properties.kind === 'distillery').length}, packaging ${units.filter((u) => u.properties.kind === 'packaging').length}, farms ${units.filter((u) => u.properties.kind === 'farm').length}`,
);
notes.push(
  `water: ${['hydrant', 'pond', 'well', 'tank', 'river_intake'].map((k) => `${k} ${water.filter((w) => w.properties.kind === k).length}`).join(', ')}; seasonal ${water.filter((w) => Array.isArray(w.properties.usable_months) && w.properties.usable_months.length < 12).length}, out of service ${water.filter((w) => w.properties.status === 'out_of_service').length}`,
);
notes.push(
  `stations: ${['county_station', 'township_brigade', 'micro_station', 'volunteer_team'].map((k) => `${k} ${stations.filter((s) => s.properties.kind === k).length}`).join(', ')}`,
);

console.log(`checked ${dir}`);
for (const [name, count] of Object.entries(counts)) console.log(`  ${name.padEnd(16)} ${String(count).padStart(8)}`);
for (const note of notes) console.log(`  · ${note}`);
if (errors.length > 0) {
  console.log(`\n${errors.length} problem(s):`);
  for (const e of errors) console.log(`  ✗ ${e}`);
  process.exit(1);
}
console.log('\nall checks passed');
