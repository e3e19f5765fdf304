import { describe, expect, it, vi } from 'vitest';
import type { CurrentFeature } from '../../db/queries/feature-edits';
import { PhotoEventMismatchError } from '../../db/queries/hazard-photos';
import { HazardPlaceError, ImportRejectedError, LinkedRecordNotFoundError, VillageOutOfScopeError } from '../../db/queries/hazard-records';
import { HazardNotFoundError, StaleVersionError } from '../../db/queries/hazards';
import { StaleUserError, UsernameTakenError, type UserRow } from '../../db/queries/users';
import { ERROR_CODES, ERROR_TABLE, errorResponse } from '../../lib/api/error-table';
import {
  ApiTokenExpiredError,
  ApiTokenRevokedError,
  BadRequestError,
  ConflictError,
  DatabaseUnavailableError,
  ForbiddenError,
  InvalidFilterError,
  InvalidJsonError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableError,
  UnsupportedCrsError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../lib/api/errors';
import { IdempotencyKeyReusedError } from '../../lib/api/idempotency';
import { UnencodableTextError } from '../../lib/export/geo/dbf';
import { InvalidOutboxArchiveError } from '../../lib/field/outbox-archive';
import { DeadlineConfigError } from '../../lib/hazards/deadlines';
import { ImportRefusedError } from '../../lib/hazards/import-commit';
import { IllegalTransitionError, VerificationRequiredError } from '../../lib/hazards/lifecycle';
import { BaseImportRefusedError } from '../../lib/import/base/errors';
import { GeoFileError } from '../../lib/import/geo/types';
import { TableReadError } from '../../lib/import/table';
import { StaleFeatureError } from '../../lib/layers/feature-edit';
import { PhotoRejectedError } from '../../lib/photos/process-photo';
import { FixStepError, StaleFixError } from '../../lib/planning/errors';
import { ReportFontMissingError } from '../../lib/reports/font';

const request = new Request('http://app.test/api/v1/hazards/7', { method: 'PATCH' });

async function answer(error: unknown) {
  const response = errorResponse(error, request, 'req-42');
  return { status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after') };
}

const user = { id: 3, username: 'wang', version: 5 } as UserRow;
const currentWell: CurrentFeature = {
  version: 4,
  village_code: 'LHL01',
  properties: { code: 'W-1', name: '村口消火栓' },
  geometry: { type: 'Point', coordinates: [112.3, 37.4] },
};

/** Every error class the API answers, with the status and code written down from the API's documentation. */
const CASES: [Error, number, string][] = [
  [new BadRequestError('q is required'), 400, 'bad_request'],
  [new ValidationError('name is required', [{ field: 'name', message: 'name is required' }]), 400, 'validation_failed'],
  [new InvalidJsonError(), 400, 'invalid_json'],
  [new InvalidFilterError('unexpected )'), 400, 'invalid_filter'],
  [new UnsupportedCrsError('EPSG:3857 is not served'), 400, 'unsupported_crs'],
  [new TableReadError('not a table'), 400, 'unreadable_file'],
  [new GeoFileError('no .shp in the zip', 'damaged_file'), 400, 'unreadable_file'],
  [new PhotoRejectedError('undecodable', 'not an image'), 400, 'photo_rejected'],
  [new PhotoEventMismatchError(4, 7), 400, 'photo_event_mismatch'],
  [new UnauthorizedError(), 401, 'unauthenticated'],
  [new ApiTokenRevokedError(), 401, 'token_revoked'],
  [new ApiTokenExpiredError(), 401, 'token_expired'],
  [new ForbiddenError('not yours'), 403, 'forbidden'],
  [new VillageOutOfScopeError(), 403, 'forbidden'],
  [new LinkedRecordNotFoundError('building_id', 7), 404, 'not_found'],
  [new NotFoundError('no such thing'), 404, 'not_found'],
  [new HazardNotFoundError(7), 404, 'not_found'],
  [new ConflictError('taken'), 409, 'conflict'],
  [new StaleVersionError({ version: 3, status: 'in_progress' }), 409, 'stale_version'],
  [new StaleFixError({ id: 2, version: 4 }), 409, 'stale_version'],
  [new StaleUserError(user), 409, 'stale_version'],
  [new StaleFeatureError(currentWell), 409, 'stale_version'],
  [new IllegalTransitionError('pending', 'closed'), 409, 'illegal_transition'],
  [new FixStepError('backwards', { id: 2, status: 'done' }), 409, 'illegal_transition'],
  [new UsernameTakenError('wang'), 409, 'username_taken'],
  [new PayloadTooLargeError(1048576), 413, 'payload_too_large'],
  [new UnsupportedMediaTypeError('JSON only'), 415, 'unsupported_media_type'],
  [new UnprocessableError('outside the town'), 422, 'unprocessable'],
  [new UnencodableTextError('name', '𠮷野家'), 422, 'unprocessable'],
  [new VerificationRequiredError(), 422, 'verification_required'],
  [new HazardPlaceError('the point is outside the town'), 422, 'invalid_place'],
  [new ImportRejectedError([{ row: 3, message: 'unknown building code X' }]), 422, 'import_rejected'],
  [new ImportRefusedError('nothing was imported', { errors: [], file: 'a.csv' }), 422, 'import_rejected'],
  [new BaseImportRefusedError('nothing was imported', { errors: [] }), 422, 'import_rejected'],
  [new TooManyRequestsError('slow down', 60), 429, 'rate_limited'],
  [new DatabaseUnavailableError(new Error('locked')), 503, 'database_unavailable'],
  [new ReportFontMissingError('none installed'), 503, 'report_font_missing'],
  [new IdempotencyKeyReusedError(), 422, 'idempotency_key_reused'],
  [new InvalidOutboxArchiveError('outbox.json is missing'), 400, 'invalid_outbox_archive'],
];

describe('the error table', () => {
  it.each(CASES)('%s → %i %s, with its message', async (error, status, code) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status: actualStatus, body } = await answer(error);
    expect([actualStatus, body.code, body.error]).toEqual([status, code, error.message]);
    vi.restoreAllMocks();
  });

  it('lists every class it answers, and only known codes', () => {
    expect(Object.keys(ERROR_TABLE).sort()).toEqual(CASES.map(([error]) => error.name).sort());
    for (const rule of Object.values(ERROR_TABLE)) expect(ERROR_CODES).toContain(rule.code);
  });

  it('keeps the fields the pages rely on: the current state, the allowed next steps, the field errors', async () => {
    expect((await answer(new StaleVersionError({ version: 3, status: 'awaiting_review' }))).body).toEqual({
      error: 'the hazard was changed by someone else (now version 3, status awaiting_review)',
      code: 'stale_version',
      current: { version: 3, status: 'awaiting_review' },
      allowed_next: ['closed', 'in_progress'],
    });
    expect((await answer(new IllegalTransitionError('pending', 'closed'))).body).toMatchObject({
      from: 'pending',
      allowed_next: ['in_progress'],
    });
    expect((await answer(new StaleUserError(user))).body.current).toEqual(user);
    expect((await answer(new StaleFeatureError(currentWell))).body.current).toEqual(currentWell);
    expect((await answer(new FixStepError('backwards', { id: 2 }))).body.current).toEqual({ id: 2 });
    expect((await answer(new ValidationError('x', [{ field: 'a', message: 'x' }]))).body.errors).toEqual([{ field: 'a', message: 'x' }]);
    expect((await answer(new ImportRejectedError([{ row: 3, message: 'unknown building code X' }]))).body.errors).toEqual([
      { row: 3, column: '', message: 'unknown building code X' },
    ]);
    expect((await answer(new PayloadTooLargeError(10 * 1048576, 'the upload'))).body).toEqual({
      error: 'the upload is larger than the limit of 10 MB',
      code: 'payload_too_large',
      limit_bytes: 10485760,
    });
    expect((await answer(new PhotoRejectedError('undecodable', 'not an image'))).body.reason).toBe('undecodable');
  });

  it('tells a rate-limited client when to come back', async () => {
    expect(await answer(new TooManyRequestsError('too many attempts', 900))).toMatchObject({ status: 429, retryAfter: '900' });
  });

  it('answers anything else 500 without its message, naming the request id it logs', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const error of [new Error('password authentication failed for user "fire"'), new DeadlineConfigError('bad'), 'a string', null]) {
      expect(await answer(error)).toEqual({
        status: 500,
        body: { error: 'Internal server error', code: 'internal', request_id: 'req-42' },
        retryAfter: null,
      });
    }
    // An error that only borrows a known name is not mistaken for one (it is not an Error at all).
    expect((await answer({ name: 'NotFoundError', message: 'spoofed' })).status).toBe(500);
    expect(log).toHaveBeenCalledTimes(5);
    expect(log.mock.calls.every(([line]) => line === '[req-42] PATCH /api/v1/hazards/7 failed:')).toBe(true);
    log.mockRestore();
  });
});
