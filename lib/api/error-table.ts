import type { PhotoEventMismatchError } from '../../db/queries/hazard-photos';
import type {
  HazardPlaceError,
  ImportRejectedError,
  LinkedRecordNotFoundError,
  VillageOutOfScopeError,
} from '../../db/queries/hazard-records';
import type { HazardNotFoundError, StaleVersionError } from '../../db/queries/hazards';
import type { StaleUserError, UsernameTakenError } from '../../db/queries/users';
import type { HazardStatus } from '../domain/enums';
import type { UnencodableTextError } from '../export/geo/dbf';
import type { InvalidOutboxArchiveError } from '../field/outbox-archive';
import type { ImportRefusedError } from '../hazards/import-commit';
import { allowedNextStatuses, type IllegalTransitionError, type VerificationRequiredError } from '../hazards/lifecycle';
import type { BaseImportRefusedError } from '../import/base/errors';
import type { GeoFileError } from '../import/geo/types';
import type { TableReadError } from '../import/table';
import type { StaleFeatureError } from '../layers/feature-edit';
import type { PhotoRejectedError } from '../photos/process-photo';
import type { FixStepError, StaleFixError } from '../planning/errors';
import type { ReportFontMissingError } from '../reports/font';
import { databaseErrorRule } from './database-errors';
import type {
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
} from './errors';
import type { IdempotencyKeyReusedError } from './idempotency';

/**
 * The machine codes of the API's error answers. A client decides by the code, never by the message; the code
 * is also the key a translated message will be looked up by (the `error` text is English for now).
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'invalid_json',
  'invalid_filter',
  'unsupported_crs',
  'unreadable_file',
  'photo_rejected',
  'photo_event_mismatch',
  'unauthenticated',
  'token_revoked',
  'token_expired',
  'forbidden',
  'cross_site',
  'not_found',
  'conflict',
  'stale_version',
  'illegal_transition',
  'username_taken',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'verification_required',
  'invalid_place',
  'import_rejected',
  'rate_limited',
  'internal',
  'database_unavailable',
  'report_font_missing',
  'idempotency_key_reused',
  'invalid_outbox_archive',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

interface ErrorRule<E extends Error> {
  status: number;
  code: ErrorCode;
  /** Fields the answer carries besides `error` and `code`, that pages rely on (the current record, next steps, …). */
  fields?: (error: E) => Record<string, unknown>;
  headers?: (error: E) => Record<string, string>;
}

/** Every error class the API answers with a 4xx (or a known 5xx), by the class's `name`. */
interface ErrorClasses {
  BadRequestError: BadRequestError;
  ValidationError: ValidationError;
  InvalidJsonError: InvalidJsonError;
  InvalidFilterError: InvalidFilterError;
  UnsupportedCrsError: UnsupportedCrsError;
  TableReadError: TableReadError;
  GeoFileError: GeoFileError;
  PhotoRejectedError: PhotoRejectedError;
  PhotoEventMismatchError: PhotoEventMismatchError;
  UnauthorizedError: UnauthorizedError;
  ApiTokenRevokedError: ApiTokenRevokedError;
  ApiTokenExpiredError: ApiTokenExpiredError;
  ForbiddenError: ForbiddenError;
  VillageOutOfScopeError: VillageOutOfScopeError;
  NotFoundError: NotFoundError;
  HazardNotFoundError: HazardNotFoundError;
  LinkedRecordNotFoundError: LinkedRecordNotFoundError;
  ConflictError: ConflictError;
  StaleVersionError: StaleVersionError;
  StaleFixError: StaleFixError;
  StaleUserError: StaleUserError;
  StaleFeatureError: StaleFeatureError;
  IllegalTransitionError: IllegalTransitionError;
  FixStepError: FixStepError;
  UsernameTakenError: UsernameTakenError;
  PayloadTooLargeError: PayloadTooLargeError;
  UnsupportedMediaTypeError: UnsupportedMediaTypeError;
  UnprocessableError: UnprocessableError;
  VerificationRequiredError: VerificationRequiredError;
  HazardPlaceError: HazardPlaceError;
  ImportRejectedError: ImportRejectedError;
  ImportRefusedError: ImportRefusedError;
  BaseImportRefusedError: BaseImportRefusedError;
  TooManyRequestsError: TooManyRequestsError;
  DatabaseUnavailableError: DatabaseUnavailableError;
  ReportFontMissingError: ReportFontMissingError;
  IdempotencyKeyReusedError: IdempotencyKeyReusedError;
  InvalidOutboxArchiveError: InvalidOutboxArchiveError;
  UnencodableTextError: UnencodableTextError;
}

/**
 * The one table from thrown error to answer. Keyed by the error's `name` (each class sets it) rather than
 * by `instanceof`, so this module imports the classes for their types only and every route does not load
 * sharp, exceljs and the database modules just to answer a 404.
 */
export const ERROR_TABLE: { [Name in keyof ErrorClasses]: ErrorRule<ErrorClasses[Name]> } = {
  BadRequestError: { status: 400, code: 'bad_request', fields: (error) => error.details },
  ValidationError: { status: 400, code: 'validation_failed', fields: (error) => ({ errors: error.errors }) },
  InvalidJsonError: { status: 400, code: 'invalid_json' },
  InvalidFilterError: { status: 400, code: 'invalid_filter' },
  UnsupportedCrsError: { status: 400, code: 'unsupported_crs' },
  TableReadError: { status: 400, code: 'unreadable_file' },
  GeoFileError: { status: 400, code: 'unreadable_file', fields: (error) => ({ reason: error.code }) },
  PhotoRejectedError: { status: 400, code: 'photo_rejected', fields: (error) => ({ reason: error.reason }) },
  PhotoEventMismatchError: { status: 400, code: 'photo_event_mismatch' },
  UnauthorizedError: { status: 401, code: 'unauthenticated' },
  ApiTokenRevokedError: { status: 401, code: 'token_revoked' },
  ApiTokenExpiredError: { status: 401, code: 'token_expired' },
  ForbiddenError: { status: 403, code: 'forbidden' },
  VillageOutOfScopeError: { status: 403, code: 'forbidden' },
  NotFoundError: { status: 404, code: 'not_found' },
  HazardNotFoundError: { status: 404, code: 'not_found' },
  LinkedRecordNotFoundError: { status: 404, code: 'not_found' },
  ConflictError: { status: 409, code: 'conflict', fields: (error) => error.details },
  StaleVersionError: {
    status: 409,
    code: 'stale_version',
    fields: (error) => ({ current: error.current, allowed_next: allowedNextStatuses(error.current.status as HazardStatus) }),
  },
  StaleFixError: { status: 409, code: 'stale_version', fields: (error) => ({ current: error.current }) },
  StaleUserError: { status: 409, code: 'stale_version', fields: (error) => ({ current: error.current }) },
  StaleFeatureError: { status: 409, code: 'stale_version', fields: (error) => ({ current: error.current }) },
  IllegalTransitionError: {
    status: 409,
    code: 'illegal_transition',
    fields: (error) => ({ from: error.from, allowed_next: allowedNextStatuses(error.from) }),
  },
  FixStepError: { status: 409, code: 'illegal_transition', fields: (error) => ({ current: error.current }) },
  UsernameTakenError: { status: 409, code: 'username_taken' },
  PayloadTooLargeError: { status: 413, code: 'payload_too_large', fields: (error) => ({ limit_bytes: error.limitBytes }) },
  UnsupportedMediaTypeError: { status: 415, code: 'unsupported_media_type' },
  UnprocessableError: { status: 422, code: 'unprocessable', fields: (error) => error.details },
  VerificationRequiredError: { status: 422, code: 'verification_required' },
  HazardPlaceError: { status: 422, code: 'invalid_place' },
  ImportRejectedError: {
    status: 422,
    code: 'import_rejected',
    fields: (error) => ({ errors: error.problems.map((problem) => ({ row: problem.row, column: '', message: problem.message })) }),
  },
  ImportRefusedError: { status: 422, code: 'import_rejected', fields: (error) => error.report },
  BaseImportRefusedError: { status: 422, code: 'import_rejected', fields: (error) => error.report },
  TooManyRequestsError: {
    status: 429,
    code: 'rate_limited',
    headers: (error) => ({ 'Retry-After': String(error.retryAfterSeconds) }),
  },
  DatabaseUnavailableError: { status: 503, code: 'database_unavailable' },
  ReportFontMissingError: { status: 503, code: 'report_font_missing' },
  IdempotencyKeyReusedError: { status: 422, code: 'idempotency_key_reused' },
  InvalidOutboxArchiveError: { status: 400, code: 'invalid_outbox_archive' },
  UnencodableTextError: { status: 422, code: 'unprocessable', fields: (error) => ({ field: error.column }) },
};

/** What the API answers for an error: everything but the serialisation, so a translated message can replace `message`. */
export interface ErrorAnswer {
  status: number;
  code: ErrorCode;
  message: string;
  fields: Record<string, unknown>;
  headers: Record<string, string>;
}

/** The answer for a known error; null for anything else (a bug or an outage: answered 500). */
export function describeError(error: unknown): ErrorAnswer | null {
  if (!(error instanceof Error)) return null;
  if (!Object.hasOwn(ERROR_TABLE, error.name)) {
    const rule = databaseErrorRule(error);
    return rule && { status: rule.status, code: rule.code, message: rule.message(), fields: {}, headers: {} };
  }
  const rule = ERROR_TABLE[error.name as keyof ErrorClasses] as ErrorRule<Error>;
  return {
    status: rule.status,
    code: rule.code,
    message: error.message,
    fields: rule.fields?.(error) ?? {},
    headers: rule.headers?.(error) ?? {},
  };
}

const INTERNAL_MESSAGE = 'Internal server error';

/**
 * The JSON answer for any error a route throws. Unknown errors answer 500 with only the request id, which the
 * log line carries too, so an operator can find the cause without the client seeing it.
 */
export function errorResponse(error: unknown, request: Request, requestId: string): Response {
  const answer = describeError(error);
  if (answer === null || answer.status >= 500) {
    console.error(`[${requestId}] ${request.method} ${new URL(request.url).pathname} failed:`, error);
  }
  if (answer === null) {
    return Response.json({ error: INTERNAL_MESSAGE, code: 'internal', request_id: requestId }, { status: 500 });
  }
  const trace = answer.status >= 500 ? { request_id: requestId } : {};
  return Response.json(
    { ...answer.fields, error: answer.message, code: answer.code, ...trace },
    { status: answer.status, headers: answer.headers },
  );
}
