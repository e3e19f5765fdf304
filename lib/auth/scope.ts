import { ForbiddenError, NotFoundError } from '../api/errors';
import { say } from '../i18n/say';
import type { Actor } from './actor';

/**
 * The villages a query may touch for this actor. Town-wide users get what they asked for (empty = whole
 * town); scoped users get their own villages, and asking for another village is refused.
 */
export function scopedVillages(actor: Actor, requested: readonly string[]): string[] {
  const own = actor.villages;
  if (own === null) return [...requested];
  if (requested.length === 0) return [...own];
  const outside = requested.filter((code) => !own.includes(code));
  if (outside.length > 0)
    throw new ForbiddenError(say(`该村不在您负责的村范围内`, `village ${outside[0]} is outside your assigned villages`));
  return [...requested];
}

/** Whether a record in this village is visible to the actor (records without a village are town-level). */
export function inScope(actor: Actor, villageCode: string | null): boolean {
  return actor.villages === null || (villageCode !== null && actor.villages.includes(villageCode));
}

/** A single record outside the actor's scope answers 404, so its existence does not leak. */
export function assertInScope(actor: Actor, villageCode: string | null, what: string): void {
  if (!inScope(actor, villageCode)) throw new NotFoundError(say(`找不到${what}`, `${what} not found`));
}
