import { say } from '../i18n/say';
import type { ErrorCode } from './error-table';

/**
 * What the API answers for an error the database raised on input it could not take, by SQLSTATE (the same on
 * both engines). Anything else the database raises is an outage or a bug, answered 500 by the caller.
 */
interface DatabaseRule {
  status: number;
  code: ErrorCode;
  /** Called when answering, so it is worded in the request's language. */
  message: () => string;
}

const BY_SQLSTATE: Readonly<Record<string, DatabaseRule>> = {
  '23505': { status: 409, code: 'conflict', message: () => say('已有相同值的记录', 'a record with this value already exists') },
  '23503': {
    status: 422,
    code: 'unprocessable',
    message: () => say('所引用的记录不存在（或仍被其他记录引用）', 'a record this refers to does not exist (or is still referred to)'),
  },
  '23514': { status: 422, code: 'unprocessable', message: () => say('数值超出数据允许的范围', 'a value is outside what the data allows') },
  '23502': { status: 422, code: 'unprocessable', message: () => say('缺少必填的值', 'a required value is missing') },
  '40001': {
    status: 409,
    code: 'conflict',
    message: () => say('同时有另一处修改，请重试', 'another change happened at the same time; try again'),
  },
  '40P01': {
    status: 409,
    code: 'conflict',
    message: () => say('同时有另一处修改，请重试', 'another change happened at the same time; try again'),
  },
};

/** Class 22 (data exception): a value of the wrong form or range — a number too big, an impossible date. */
const DATA_EXCEPTION: DatabaseRule = {
  status: 400,
  code: 'bad_request',
  message: () => say('数值格式有误或超出范围', 'a value has the wrong form or is out of range'),
};

/** The SQLSTATE of a database error from `pg` or PGlite (both carry it as `code`), or null. */
function sqlState(error: Error): string | null {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export function databaseErrorRule(error: Error): DatabaseRule | null {
  const state = sqlState(error);
  if (state === null) return null;
  return BY_SQLSTATE[state] ?? (state.startsWith('22') ? DATA_EXCEPTION : null);
}
