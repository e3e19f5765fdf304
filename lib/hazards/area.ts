import { invalidAreaReason } from '../../db/queries/hazards';
import type { Db } from '../../db/schema';
import { BadRequestError } from '../api/errors';
import { say } from '../i18n/say';
import type { HazardFilter } from './filter';

/** A drawn area must be a valid polygon; PostGIS's reason goes back to the user when it is not. */
export async function checkArea(db: Db, filter: HazardFilter): Promise<void> {
  if (!filter.within) return;
  const reason = await invalidAreaReason(db, filter.within);
  if (reason) throw new BadRequestError(say(`within 不是有效的多边形：${reason}`, `within is not a valid polygon: ${reason}`));
}
