import { say } from '../i18n/say';
/** A saved fix or scenario changed since the client read it (→ 409 with the current row). */
export class StaleFixError extends Error {
  constructor(readonly current: Record<string, unknown>) {
    super(
      say(
        `该记录在您读取后已被修改（现为第 ${String(current.version)} 版）；请刷新后重试`,
        `the record changed since you read it (now version ${String(current.version)}); reload and try again`,
      ),
    );
    this.name = 'StaleFixError';
  }
}

/** A step the lifecycle does not allow (backwards, or applying a scenario twice) (→ 409). */
export class FixStepError extends Error {
  constructor(
    message: string,
    readonly current: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'FixStepError';
  }
}
