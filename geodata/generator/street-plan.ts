// Street plans before noding: each village gets a street grid (old core of narrow lanes, newer rows with
// village roads), main streets that carry the town roads, field roads into the farmland; town roads join
// neighbouring villages (relative neighbourhood graph of the centres) and the county station.

import { distance, Frame, type Pt, pointInRing, ringBoundaryDistance } from './geometry';
import { at, at2 } from './list';
import { shortVillage } from './names';
import type { Rng } from './prng';
import type { PassageClass, RawLine, Surface, Zone } from './types';
import type { Village } from './villages';

export type Side = 'N' | 'S' | 'E' | 'W';

export interface GridSegment {
  present: boolean;
  cls: PassageClass;
  width: number;
  surface: Surface;
  zone: Zone;
  name: string | null;
  clearHeight: number | null;
  main: boolean;
  perimeter: boolean;
}

export interface Exit {
  side: Side;
  node: [number, number];
  point: Pt;
  direction: Pt;
  used: boolean;
}

export interface VillagePlan {
  village: Village;
  frame: Frame;
  xs: number[];
  ys: number[];
  i0: number;
  j0: number;
  coreA: number;
  coreB: number;
  /** Exact bounds of the old core in frame coordinates (the rest of the grid is newer rows). */
  core: { west: number; east: number; south: number; north: number };
  newSide: Side;
  /** horizontal[j][i]: from node (i, j) to (i + 1, j). */
  horizontal: GridSegment[][];
  /** vertical[i][j]: from node (i, j) to (i, j + 1). */
  vertical: GridSegment[][];
  exits: Exit[];
  /** Radius that holds the settlement grid. */
  radius: number;
  lines: RawLine[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function spacedLines(limit: number, rng: Rng, min: number, max: number): number[] {
  const lines: number[] = [];
  let at = 0;
  for (;;) {
    const next = at + rng.float(min, max);
    if (next > limit - min * 0.55) break;
    lines.push(next);
    at = next;
  }
  lines.push(limit);
  return lines;
}

function extendLines(from: number, depth: number, rng: Rng, min: number, max: number): number[] {
  const lines: number[] = [];
  let at = from;
  while (at < from + depth - min * 0.4) {
    at += rng.float(min, max);
    lines.push(at);
  }
  return lines;
}

function laneSurface(rng: Rng): Surface {
  return rng.weighted<Surface>([
    ['concrete', 5],
    ['gravel', 2],
    ['earth', 3],
  ]);
}

export function planVillage(village: Village, rng: Rng): VillagePlan {
  const s = village.scale;
  const angle = rng.chance(0.35) ? rng.float(-0.04, 0.04) : rng.float(-0.2, 0.2);
  let coreA = rng.float(190, 245) * s;
  let coreB = rng.float(140, 180) * s;
  const newSide = rng.weighted<Side>([
    ['S', 4],
    ['E', 2.5],
    ['W', 2.5],
    ['N', 1],
  ]);
  let newDepth = rng.float(85, 140) * s * (s < 0.9 ? 0.75 : 1);
  // keep the settlement well inside the territory (leave room for fields, farms, stacks)
  const reach = () =>
    Math.hypot(coreA + (newSide === 'E' || newSide === 'W' ? newDepth : 0), coreB + (newSide === 'N' || newSide === 'S' ? newDepth : 0));
  const allowed = village.inradius - 220;
  if (reach() > allowed) {
    const factor = Math.max(0.45, allowed / reach());
    coreA *= factor;
    coreB *= factor;
    newDepth *= factor;
  }

  const xr = rng.fork('xs');
  const yr = rng.fork('ys');
  let east = spacedLines(coreA, xr, 70, 112);
  let west = spacedLines(coreA * xr.float(0.85, 1.1), xr, 70, 112).map((x) => -x);
  let north = spacedLines(coreB, yr, 44, 55);
  let south = spacedLines(coreB * yr.float(0.85, 1.1), yr, 44, 55).map((y) => -y);
  const coreWest = at(west, west.length - 1);
  const coreSouth = at(south, south.length - 1);
  const coreEast = at(east, east.length - 1);
  const coreNorth = at(north, north.length - 1);
  if (newSide === 'E') east = east.concat(extendLines(coreEast, newDepth, xr, 58, 74));
  if (newSide === 'W') west = west.concat(extendLines(-coreWest, newDepth, xr, 58, 74).map((x) => -x));
  if (newSide === 'N') north = north.concat(extendLines(coreNorth, newDepth, yr, 34, 39));
  if (newSide === 'S') south = south.concat(extendLines(-coreSouth, newDepth, yr, 34, 39).map((y) => -y));
  const xs = [...west.reverse(), 0, ...east];
  const ys = [...south.reverse(), 0, ...north];
  const i0 = xs.indexOf(0);
  const j0 = ys.indexOf(0);
  const inCore = (x: number, y: number) => x >= coreWest - 0.01 && x <= coreEast + 0.01 && y >= coreSouth - 0.01 && y <= coreNorth + 0.01;
  const frame = new Frame(village.center, angle);
  const short = shortVillage(village.name);

  const lineWidth = new Map<string, number>();
  const widthOf = (key: string, cls: PassageClass, r: Rng) => {
    let base = lineWidth.get(key);
    if (base === undefined) {
      base = cls === 'lane' ? r.float(2.1, 3.3) : r.float(4.2, 5.6);
      lineWidth.set(key, base);
    }
    const jitter = r.float(-0.2, 0.2);
    return cls === 'lane' ? round1(Math.min(3.5, Math.max(2.0, base + jitter))) : round1(Math.min(6.0, Math.max(4.0, base + jitter)));
  };

  const segRng = rng.fork('segments');
  const makeSegment = (horizontalLine: boolean, lineIndex: number, lastIndex: number, mid: Pt): GridSegment => {
    const main = horizontalLine ? lineIndex === j0 : lineIndex === i0;
    const perimeter = lineIndex === 0 || lineIndex === lastIndex;
    const position = horizontalLine ? ys[lineIndex] : xs[lineIndex];
    const coreEdge = horizontalLine ? position === coreNorth || position === coreSouth : position === coreEast || position === coreWest;
    const zone: Zone = inCore(mid[0], mid[1]) ? 'core' : 'new';
    let cls: PassageClass = 'lane';
    if (main || perimeter || coreEdge || zone === 'new') cls = 'village_road';
    const key = `${horizontalLine ? 'h' : 'v'}${lineIndex}:${cls}`;
    const width = main ? round1(segRng.float(5.0, 6.0)) : widthOf(key, cls, segRng);
    const surface: Surface = cls === 'lane' ? laneSurface(segRng) : segRng.chance(0.9) ? 'concrete' : 'asphalt';
    let present = true;
    if (!main) {
      if (perimeter) present = !segRng.chance(0.3);
      else if (zone === 'core') present = !segRng.chance(horizontalLine ? 0.07 : 0.2);
      else present = !segRng.chance(horizontalLine ? 0.03 : 0.1);
    }
    let name: string | null = null;
    if (main) name = `${short}${horizontalLine ? '东西大街' : '南北大街'}`;
    else if (cls === 'lane' && segRng.chance(0.25)) name = `${short}${segRng.pick(['前', '后', '东', '西', '南', '北', '中'])}巷`;
    return { present, cls, width, surface, zone, name, clearHeight: null, main, perimeter };
  };

  const horizontal: GridSegment[][] = ys.map((y, j) =>
    xs.slice(0, -1).map((x, i) => makeSegment(true, j, ys.length - 1, [(x + at(xs, i + 1)) / 2, y])),
  );
  const vertical: GridSegment[][] = xs.map((x, i) =>
    ys.slice(0, -1).map((y, j) => makeSegment(false, i, xs.length - 1, [x, (y + at(ys, j + 1)) / 2])),
  );

  // Old gateways (门楼/过街楼) over a few lanes entering the core: clear height below 4 m.
  const archRng = rng.fork('arches');
  const archCount = archRng.weighted([
    [0, 3],
    [1, 4],
    [2, 1],
  ]);
  for (let k = 0; k < archCount; k++) {
    const candidates: GridSegment[] = [];
    horizontal.forEach((row) =>
      row.forEach((seg) => seg.present && seg.zone === 'core' && !seg.main && seg.clearHeight === null && candidates.push(seg)),
    );
    vertical.forEach((col) =>
      col.forEach((seg) => seg.present && seg.zone === 'core' && !seg.main && seg.clearHeight === null && candidates.push(seg)),
    );
    if (candidates.length === 0) break;
    archRng.pick(candidates).clearHeight = round1(archRng.float(2.8, 3.9));
  }
  // Overhead wires / gantries at just over 4 m on a few village roads.
  horizontal.forEach((row) =>
    row.forEach((seg) => {
      if (seg.present && seg.cls === 'village_road' && archRng.chance(0.02)) seg.clearHeight = round1(archRng.float(4.2, 5.0));
    }),
  );

  const exits: Exit[] = [
    { side: 'E', node: [xs.length - 1, j0], point: frame.toPlane(at(xs, xs.length - 1), 0), direction: frame.toPlane(1, 0), used: false },
    { side: 'W', node: [0, j0], point: frame.toPlane(at(xs, 0), 0), direction: frame.toPlane(-1, 0), used: false },
    { side: 'N', node: [i0, ys.length - 1], point: frame.toPlane(0, at(ys, ys.length - 1)), direction: frame.toPlane(0, 1), used: false },
    { side: 'S', node: [i0, 0], point: frame.toPlane(0, at(ys, 0)), direction: frame.toPlane(0, -1), used: false },
  ];
  for (const exit of exits) exit.direction = [exit.direction[0] - village.center[0], exit.direction[1] - village.center[1]];

  const radius = Math.max(...xs.map(Math.abs), ...ys.map(Math.abs)) * 1.42;
  return {
    village,
    frame,
    xs,
    ys,
    i0,
    j0,
    coreA,
    coreB,
    core: { west: coreWest, east: coreEast, south: coreSouth, north: coreNorth },
    newSide,
    horizontal,
    vertical,
    exits,
    radius,
    lines: [],
  };
}

/** Mark the main street from the centre to an exit as part of a town road. */
function upgradeMainStreet(plan: VillagePlan, exit: Exit, width: number, name: string): void {
  const { i0, j0, xs, ys } = plan;
  const segments: GridSegment[] = [];
  if (exit.side === 'E') for (let i = i0; i < xs.length - 1; i++) segments.push(at2(plan.horizontal, j0, i));
  if (exit.side === 'W') for (let i = 0; i < i0; i++) segments.push(at2(plan.horizontal, j0, i));
  if (exit.side === 'N') for (let j = j0; j < ys.length - 1; j++) segments.push(at2(plan.vertical, i0, j));
  if (exit.side === 'S') for (let j = 0; j < j0; j++) segments.push(at2(plan.vertical, i0, j));
  for (const seg of segments) {
    seg.cls = 'town_road';
    seg.width = Math.max(seg.width, width);
    seg.surface = 'asphalt';
    seg.zone = 'town';
    if (seg.name === null || !seg.name.endsWith('大街')) seg.name = name;
    seg.clearHeight = null;
  }
  exit.used = true;
}

function bestExit(plan: VillagePlan, toward: Pt): Exit {
  const dx = toward[0] - plan.village.center[0];
  const dy = toward[1] - plan.village.center[1];
  let best = at(plan.exits, 0);
  let bestScore = -Infinity;
  for (const exit of plan.exits) {
    const score = exit.direction[0] * dx + exit.direction[1] * dy;
    if (score > bestScore) {
      bestScore = score;
      best = exit;
    }
  }
  return best;
}

function bentLine(a: Pt, b: Pt, rng: Rng, bends: number, amplitude: number): Pt[] {
  const length = distance(a, b);
  const nx = -(b[1] - a[1]) / length;
  const ny = (b[0] - a[0]) / length;
  const points: Pt[] = [a];
  for (let k = 1; k <= bends; k++) {
    const t = k / (bends + 1) + rng.float(-0.05, 0.05);
    const offset = rng.float(-amplitude, amplitude) * length;
    points.push([a[0] + (b[0] - a[0]) * t + nx * offset, a[1] + (b[1] - a[1]) * t + ny * offset]);
  }
  points.push(b);
  return points;
}

/** Town roads between neighbouring villages (relative neighbourhood graph: planar and connected). */
export function planTownRoads(plans: VillagePlan[], rng: Rng): RawLine[] {
  const centres = plans.map((p) => p.village.center);
  const lines: RawLine[] = [];
  for (let p = 0; p < centres.length; p++) {
    for (let q = p + 1; q < centres.length; q++) {
      const d = distance(at(centres, p), at(centres, q));
      if (d > 4500) continue;
      let blocked = false;
      for (let r = 0; r < centres.length && !blocked; r++) {
        if (r === p || r === q) continue;
        if (Math.max(distance(at(centres, p), at(centres, r)), distance(at(centres, q), at(centres, r))) < d) blocked = true;
      }
      if (blocked) continue;
      const road = rng.fork(`road:${p}:${q}`);
      const width = round1(road.float(6.5, 8.5));
      const exitP = bestExit(at(plans, p), at(centres, q));
      const exitQ = bestExit(at(plans, q), at(centres, p));
      const nameP = shortVillage(at(plans, p).village.name);
      const nameQ = shortVillage(at(plans, q).village.name);
      const name = `${nameP[0]}${nameQ[0]}线`;
      upgradeMainStreet(at(plans, p), exitP, width, `${nameP}${exitP.side === 'E' || exitP.side === 'W' ? '东西大街' : '南北大街'}`);
      upgradeMainStreet(at(plans, q), exitQ, width, `${nameQ}${exitQ.side === 'E' || exitQ.side === 'W' ? '东西大街' : '南北大街'}`);
      lines.push({
        points: bentLine(exitP.point, exitQ.point, road, 2, 0.015),
        cls: 'town_road',
        width,
        surface: 'asphalt',
        name,
        clearHeight: null,
        slope: round1(road.float(0, 1.5)),
        zone: 'town',
        owner: -1,
      });
    }
  }
  return lines;
}

/** The county road from the county fire station to the nearest village exit. */
export function planCountyRoad(plans: VillagePlan[], station: Pt, rng: Rng): RawLine {
  let best: Exit = at(at(plans, 0).exits, 0);
  for (const plan of plans) for (const exit of plan.exits) if (distance(exit.point, station) < distance(best.point, station)) best = exit;
  const plan = plans.find((p) => p.exits.includes(best)) as VillagePlan;
  upgradeMainStreet(plan, best, 8, `${shortVillage(plan.village.name)}${best.side === 'E' || best.side === 'W' ? '东西大街' : '南北大街'}`);
  return {
    points: bentLine(station, best.point, rng, 3, 0.01),
    cls: 'town_road',
    width: 8.5,
    surface: 'asphalt',
    name: '文刘线',
    clearHeight: null,
    slope: 0.5,
    zone: 'town',
    owner: -1,
  };
}

/** Grid segments and field roads of one village as raw lines (call after town roads are planned). */
export function villageLines(plan: VillagePlan, farmRoads: number, rng: Rng): RawLine[] {
  const { frame, xs, ys, village } = plan;
  const lines: RawLine[] = [];
  const slopeRng = rng.fork('slope');
  const push = (seg: GridSegment, a: Pt, b: Pt) => {
    if (!seg.present) return;
    lines.push({
      points: [a, b],
      cls: seg.cls,
      width: seg.width,
      surface: seg.surface,
      name: seg.name,
      clearHeight: seg.clearHeight,
      slope: round1(slopeRng.float(0, seg.cls === 'lane' ? 3 : 1.5)),
      zone: seg.zone,
      owner: village.index,
    });
  };
  const node = (i: number, j: number) => frame.toPlane(at(xs, i), at(ys, j));
  for (let j = 0; j < ys.length; j++) for (let i = 0; i < xs.length - 1; i++) push(at2(plan.horizontal, j, i), node(i, j), node(i + 1, j));
  for (let i = 0; i < xs.length; i++) for (let j = 0; j < ys.length - 1; j++) push(at2(plan.vertical, i, j), node(i, j), node(i, j + 1));

  // Field roads (机耕路) from perimeter nodes out into the farmland; some lead to a farm.
  const degree = (i: number, j: number) =>
    (i > 0 && at2(plan.horizontal, j, i - 1).present ? 1 : 0) +
    (i < xs.length - 1 && at2(plan.horizontal, j, i).present ? 1 : 0) +
    (j > 0 && at2(plan.vertical, i, j - 1).present ? 1 : 0) +
    (j < ys.length - 1 && at2(plan.vertical, i, j).present ? 1 : 0);
  const starts: { i: number; j: number; dir: [number, number] }[] = [];
  for (let i = 1; i < xs.length - 1; i++) {
    if (i !== plan.i0) {
      starts.push({ i, j: 0, dir: [0, -1] });
      starts.push({ i, j: ys.length - 1, dir: [0, 1] });
    }
  }
  for (let j = 1; j < ys.length - 1; j++) {
    if (j !== plan.j0) {
      starts.push({ i: 0, j, dir: [-1, 0] });
      starts.push({ i: xs.length - 1, j, dir: [1, 0] });
    }
  }
  const fieldRng = rng.fork('field');
  fieldRng.shuffle(starts);
  const wanted = fieldRng.int(4, 7) + farmRoads;
  let made = 0;
  let farmsMade = 0;
  const used: Pt[] = [];
  for (const start of starts) {
    if (made >= wanted) break;
    if (degree(start.i, start.j) === 0) continue;
    const from = node(start.i, start.j);
    if (used.some((p) => distance(p, from) < 120)) continue;
    const isFarm = farmsMade < farmRoads;
    let length = isFarm ? fieldRng.float(280, 520) : fieldRng.float(160, 620);
    const endAt = (l: number) => frame.toPlane(at(xs, start.i) + start.dir[0] * l, at(ys, start.j) + start.dir[1] * l);
    const margin = isFarm ? 140 : 60;
    while (length > 100 && !(pointInRing(endAt(length), village.ring) && ringBoundaryDistance(endAt(length), village.ring) > margin))
      length -= 20;
    if (length <= 100) continue;
    used.push(from);
    const end = endAt(length);
    const points: Pt[] = [from];
    if (!isFarm && fieldRng.chance(0.35)) {
      const bendAt = fieldRng.float(0.4, 0.7) * length;
      const side = fieldRng.float(-12, 12);
      points.push(
        frame.toPlane(
          at(xs, start.i) + start.dir[0] * bendAt + start.dir[1] * side,
          at(ys, start.j) + start.dir[1] * bendAt + start.dir[0] * side,
        ),
      );
    }
    points.push(end);
    lines.push({
      points,
      cls: 'field_road',
      width: round1(fieldRng.float(3.0, 4.5)),
      surface: fieldRng.chance(0.6) ? 'earth' : 'gravel',
      name: null,
      clearHeight: null,
      slope: fieldRng.chance(0.06) ? round1(fieldRng.float(6, 14)) : round1(fieldRng.float(0, 2)),
      zone: 'field',
      owner: village.index,
      farmAccess: isFarm,
    });
    made++;
    if (isFarm) farmsMade++;
  }
  return lines;
}
