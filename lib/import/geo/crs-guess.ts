import type { Geometry, Position } from 'geojson';
import { say } from '@/lib/i18n/say';
import { gaussKrugerToLonLat } from './gauss-kruger';
import { type GeoFileContents, IMPORT_CRS, type ImportCrs } from './types';

/** The town's centre: what "near the town" is measured from. */
const TOWN: [number, number] = [112.0, 37.4];
const DEGREE_SYSTEMS: ImportCrs[] = ['EPSG:4326', 'EPSG:4490', 'GCJ-02', 'BD-09'];

export interface CrsGuess {
  /** The system to read the file in, or null when neither the declaration nor the coordinates tell. */
  crs: ImportCrs | null;
  /** Why, for the user (say()). */
  reason: string;
  /** The other systems the coordinates would also fit, for the user to pick instead. */
  alternatives: ImportCrs[];
  /** The coordinates are written latitude first: the import must swap them before using `crs`. */
  swappedAxes: boolean;
}

/** The coordinate system of a file: its declaration first, else what its coordinate ranges can only be. */
export function guessCrs(contents: GeoFileContents): CrsGuess {
  const declared = contents.declaredCrs?.epsg ? (`EPSG:${contents.declaredCrs.epsg}` as ImportCrs) : null;
  if (declared && IMPORT_CRS.includes(declared)) {
    return {
      crs: declared,
      reason: say(`文件声明的坐标系是 ${declared}`, `the file declares ${declared}`),
      alternatives: declared === 'EPSG:4326' ? ['EPSG:4490', 'GCJ-02', 'BD-09'] : [],
      swappedAxes: false,
    };
  }
  const positions = contents.features.flatMap((feature) => (feature.geometry ? samplePositions(feature.geometry) : []));
  if (positions.length === 0)
    return {
      crs: null,
      reason: say('文件没有坐标，无法判断坐标系', 'the file has no coordinates to tell its system by'),
      alternatives: [],
      swappedAxes: false,
    };
  const [x, y] = median(positions);
  const guess = fromRanges(x, y);
  if (guess) return { ...guess, swappedAxes: false };
  const swapped = fromRanges(y, x);
  if (swapped)
    return {
      ...swapped,
      reason: say(
        `坐标的前后顺序是反的（先纬度/北坐标，后经度/东坐标）；${swapped.reason}`,
        `the coordinates are written the wrong way round (latitude/northing first); ${swapped.reason}`,
      ),
      swappedAxes: true,
    };
  return {
    crs: null,
    reason: say(
      `坐标（约 ${x.toFixed(1)}, ${y.toFixed(1)}）不像本镇附近的经纬度或 CGCS2000 高斯-克吕格坐标；请选择坐标系`,
      `the coordinates (about ${x.toFixed(1)}, ${y.toFixed(1)}) are neither degrees nor CGCS2000 Gauss-Krüger metres near the town; choose the system`,
    ),
    alternatives: [],
    swappedAxes: false,
  };
}

function fromRanges(x: number, y: number): Omit<CrsGuess, 'swappedAxes'> | null {
  if (x >= 73 && x <= 136 && y >= 3 && y <= 54)
    return {
      crs: 'EPSG:4326',
      reason: say(
        '坐标是本镇附近的经纬度；高德/腾讯（GCJ-02）或百度（BD-09）坐标从数值上看不出来，若来自这些地图请改选，预览会显示偏移',
        'the coordinates are degrees near the town; GCJ-02 (Gaode, Tencent) or BD-09 (Baidu) cannot be told by the numbers: choose one if the data came from those maps, the preview shows the shift',
      ),
      alternatives: DEGREE_SYSTEMS.filter((crs) => crs !== 'EPSG:4326'),
    };
  if (y < 1e6 || y > 6e6) return null;
  if (x >= 37e6 && x < 38e6)
    return {
      crs: 'EPSG:4525',
      reason: say('东坐标带 37 带号：CGCS2000 高斯-克吕格 37 带', 'the easting carries zone number 37: CGCS2000 Gauss-Krüger zone 37'),
      alternatives: [],
    };
  if (x >= 38e6 && x < 39e6)
    return {
      crs: 'EPSG:4526',
      reason: say('东坐标带 38 带号：CGCS2000 高斯-克吕格 38 带', 'the easting carries zone number 38: CGCS2000 Gauss-Krüger zone 38'),
      alternatives: [],
    };
  if (x >= 2e5 && x <= 8e5) {
    const distance111 = distanceToTown(gaussKrugerToLonLat(x, y, 111));
    const distance114 = distanceToTown(gaussKrugerToLonLat(x, y, 114));
    const [crs, other]: ImportCrs[] = distance111 <= distance114 ? ['EPSG:4546', 'EPSG:4547'] : ['EPSG:4547', 'EPSG:4546'];
    const meridian = crs === 'EPSG:4546' ? 111 : 114;
    return {
      crs: crs as ImportCrs,
      reason: say(
        `坐标是不带带号的高斯-克吕格米制坐标；按中央经线 ${meridian}°E 计算离本镇最近`,
        `the coordinates are Gauss-Krüger metres without a zone number; central meridian ${meridian}°E puts them nearest the town`,
      ),
      alternatives: [other as ImportCrs],
    };
  }
  return null;
}

function distanceToTown([lon, lat]: [number, number]): number {
  return Math.hypot((lon - TOWN[0]) * Math.cos((TOWN[1] * Math.PI) / 180), lat - TOWN[1]);
}

/** Every position of a geometry, up to a few thousand per geometry (enough to read its ranges). */
function samplePositions(geometry: Geometry): Position[] {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(samplePositions);
  const out: Position[] = [];
  const walk = (node: unknown) => {
    if (out.length >= 5000 || !Array.isArray(node)) return;
    if (typeof node[0] === 'number') out.push(node as Position);
    else for (const part of node) walk(part);
  };
  walk(geometry.coordinates);
  return out.filter((position) => Number.isFinite(position[0]) && Number.isFinite(position[1]));
}

/** The median x and y: a few stray points (a 0,0 row) do not move it. */
function median(positions: Position[]): [number, number] {
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return [middle(positions.map((p) => p[0] as number)), middle(positions.map((p) => p[1] as number))];
}
