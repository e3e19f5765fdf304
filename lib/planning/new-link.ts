import { lineShape, nearestPassageEnd } from '../../db/queries/planning-network';
import type { Db } from '../../db/schema';
import { BadRequestError } from '../api/errors';
import { say } from '../i18n/say';
import type { Point } from '../network/graph';

/** A drawn link end closer than this to an existing passage end is joined to it (metres). */
export const SNAP_M = 25;
const MIN_LINK_M = 5;
const MAX_LINK_M = 3000;

export interface SnappedLink {
  geometry: GeoJSON.LineString;
  start: Point;
  end: Point;
  startSnapped: boolean;
  endSnapped: boolean;
  lengthM: number;
  villageCode: string | null;
}

/**
 * Checks a drawn new link with PostGIS (valid, simple, a sensible length) and joins its ends to the nearest
 * passage end within SNAP_M, so the graph (nodes = exact shared end points) connects it. At least one end
 * must join the network; a link floating on its own opens nothing. Read-only.
 */
export async function snapNewLink(db: Db, geometry: GeoJSON.LineString): Promise<SnappedLink> {
  const drawn = await lineShape(db, geometry).catch((error: Error) => {
    throw new BadRequestError(
      say(`新连接线的几何不是有效的 LineString：${error.message}`, `new link geometry is not a valid LineString: ${error.message}`),
    );
  });
  if (!drawn.valid)
    throw new BadRequestError(say(`新连接线的几何无效：${drawn.reason}`, `new link geometry is not valid: ${drawn.reason}`));
  if (!drawn.simple) throw new BadRequestError(say('新连接线自相交；请画成不打圈的线', 'new link crosses itself; draw it without loops'));
  if (drawn.length_m < MIN_LINK_M)
    throw new BadRequestError(
      say(
        `新连接线长 ${drawn.length_m.toFixed(1)} 米；至少需要 ${MIN_LINK_M} 米`,
        `new link is ${drawn.length_m.toFixed(1)} m long; it must be at least ${MIN_LINK_M} m`,
      ),
    );
  if (drawn.length_m > MAX_LINK_M)
    throw new BadRequestError(
      say(
        `新连接线长 ${drawn.length_m.toFixed(0)} 米；最长 ${MAX_LINK_M} 米`,
        `new link is ${drawn.length_m.toFixed(0)} m long; at most ${MAX_LINK_M} m`,
      ),
    );

  // A valid LineString has at least two positions, each at least lon and lat.
  const coordinates = geometry.coordinates.map(([lon = Number.NaN, lat = Number.NaN]): Point => [lon, lat]);
  const first = coordinates[0] ?? [Number.NaN, Number.NaN];
  const last = coordinates[coordinates.length - 1] ?? first;
  const [startEnd, endEnd] = await Promise.all([nearestPassageEnd(db, first, SNAP_M), nearestPassageEnd(db, last, SNAP_M)]);
  if (!startEnd && !endEnd) {
    throw new BadRequestError(
      say(
        `新连接线的起点或终点必须在现有通道端点 ${SNAP_M} 米以内（请从巷道端点或路口画起）`,
        `a new link must start or end within ${SNAP_M} m of the end of an existing passage (draw it from a lane end or junction)`,
      ),
    );
  }
  const start = startEnd ?? first;
  const end = endEnd ?? last;
  const joined: Point[] = [start, ...coordinates.slice(1, -1), end];
  const line: GeoJSON.LineString = { type: 'LineString', coordinates: joined };
  const shape = await lineShape(db, line);
  if (!shape.valid || !shape.simple || shape.length_m < MIN_LINK_M) {
    throw new BadRequestError(
      say(
        `新连接线接入路网后无效：${shape.valid ? '自相交或过短' : shape.reason}`,
        `new link is not valid once joined to the network: ${shape.valid ? 'it crosses itself or is too short' : shape.reason}`,
      ),
    );
  }
  return {
    geometry: line,
    start,
    end,
    startSnapped: startEnd !== undefined,
    endSnapped: endEnd !== undefined,
    lengthM: shape.length_m,
    villageCode: shape.village_code,
  };
}
