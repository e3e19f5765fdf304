import { findObstacle, findPassage, type ObstacleOfFix, type PassageOfFix } from '../../db/queries/passage-fixes';
import { nearestPassageId } from '../../db/queries/planning-network';
import type { Db } from '../../db/schema';
import { BadRequestError, NotFoundError } from '../api/errors';
import { say } from '../i18n/say';
import type { FixSpec } from './fixes';

/** A turnaround placed by a point goes on the nearest passage within this distance (metres). */
const TURNAROUND_NEAR_M = 50;

/** The obstacle a fix clears: it must exist and still be open. */
export async function openObstacle(db: Db, id: number): Promise<ObstacleOfFix> {
  const obstacle = await findObstacle(db, id);
  if (!obstacle) throw new NotFoundError(say(`找不到障碍物 ${id}`, `obstacle ${id} not found`));
  if (obstacle.status !== 'open')
    throw new BadRequestError(say(`障碍物 ${obstacle.code} 已清除`, `obstacle ${obstacle.code} is already cleared`));
  return obstacle;
}

export async function existingPassage(db: Db, id: number): Promise<PassageOfFix> {
  const passage = await findPassage(db, id);
  if (!passage) throw new NotFoundError(say(`找不到通道 ${id}`, `passage ${id} not found`));
  return passage;
}

/** The passage a turnaround goes on: the one named, else the nearest to its point. */
export async function turnaroundPassage(db: Db, fix: Extract<FixSpec, { kind: 'turnaround' }>): Promise<PassageOfFix> {
  if (fix.passage_id !== undefined) return existingPassage(db, fix.passage_id);
  // The schema requires a point when no passage is named.
  const point = fix.point ?? [Number.NaN, Number.NaN];
  const id = await nearestPassageId(db, point, TURNAROUND_NEAR_M);
  if (id === undefined)
    throw new BadRequestError(
      say(`回车场位置 ${TURNAROUND_NEAR_M} 米以内没有通道`, `no passage within ${TURNAROUND_NEAR_M} m of the turnaround point`),
    );
  return existingPassage(db, id);
}
