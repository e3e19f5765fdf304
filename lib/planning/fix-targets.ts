import { findObstacle, findPassage, type ObstacleOfFix, type PassageOfFix } from '../../db/queries/passage-fixes';
import { nearestPassageId } from '../../db/queries/planning-network';
import type { Db } from '../../db/schema';
import { BadRequestError, NotFoundError } from '../api/errors';
import type { FixSpec } from './fixes';

/** A turnaround placed by a point goes on the nearest passage within this distance (metres). */
const TURNAROUND_NEAR_M = 50;

/** The obstacle a fix clears: it must exist and still be open. */
export async function openObstacle(db: Db, id: number): Promise<ObstacleOfFix> {
  const obstacle = await findObstacle(db, id);
  if (!obstacle) throw new NotFoundError(`obstacle ${id} not found`);
  if (obstacle.status !== 'open') throw new BadRequestError(`obstacle ${obstacle.code} is already cleared`);
  return obstacle;
}

export async function existingPassage(db: Db, id: number): Promise<PassageOfFix> {
  const passage = await findPassage(db, id);
  if (!passage) throw new NotFoundError(`passage ${id} not found`);
  return passage;
}

/** The passage a turnaround goes on: the one named, else the nearest to its point. */
export async function turnaroundPassage(db: Db, fix: Extract<FixSpec, { kind: 'turnaround' }>): Promise<PassageOfFix> {
  if (fix.passage_id !== undefined) return existingPassage(db, fix.passage_id);
  // The schema requires a point when no passage is named.
  const point = fix.point ?? [Number.NaN, Number.NaN];
  const id = await nearestPassageId(db, point, TURNAROUND_NEAR_M);
  if (id === undefined) throw new BadRequestError(`no passage within ${TURNAROUND_NEAR_M} m of the turnaround point`);
  return existingPassage(db, id);
}
