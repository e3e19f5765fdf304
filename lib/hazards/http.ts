import { PhotoEventMismatchError } from '../../db/queries/hazard-photos';
import { HazardPlaceError, VillageOutOfScopeError } from '../../db/queries/hazard-records';
import { HazardNotFoundError, StaleVersionError } from '../../db/queries/hazards';
import { BadRequestError, ConflictError, errorResponse, ForbiddenError, NotFoundError, UnprocessableError } from '../api/errors';
import { PhotoRejectedError } from '../photos/process-photo';
import { allowedNextStatuses, IllegalTransitionError, VerificationRequiredError } from './lifecycle';

/** `{id}` of a hazard route. */
export function parseHazardId(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new BadRequestError('hazard id must be a whole number');
  return Number(value);
}

/**
 * The HTTP answer for the hazard domain's errors: a stale version or an illegal step is a conflict (409,
 * with the current state or the allowed next steps), a missing verification or an impossible place is 422.
 */
export function hazardErrorResponse(error: unknown): Response {
  if (error instanceof StaleVersionError) {
    return errorResponse(
      new ConflictError(error.message, { current: error.current, allowed_next: allowedNextStatuses(error.current.status as never) }),
    );
  }
  if (error instanceof IllegalTransitionError) {
    return errorResponse(new ConflictError(error.message, { from: error.from, allowed_next: allowedNextStatuses(error.from) }));
  }
  if (error instanceof VerificationRequiredError || error instanceof HazardPlaceError) {
    return errorResponse(new UnprocessableError(error.message));
  }
  if (error instanceof VillageOutOfScopeError) return errorResponse(new ForbiddenError(error.message));
  if (error instanceof HazardNotFoundError) return errorResponse(new NotFoundError(error.message));
  if (error instanceof PhotoRejectedError || error instanceof PhotoEventMismatchError)
    return errorResponse(new BadRequestError(error.message));
  return errorResponse(error);
}
