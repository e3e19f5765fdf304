import { SEVERITIES, type Severity } from '../domain/enums';
import { say } from '../i18n/say';
import { addDays } from '../time';

/** Environment variables (process.env, or a plain object in tests). */
type Environment = Readonly<Record<string, string | undefined>>;

/** Default days to rectify, counted from the day the hazard was found: 一般隐患 30, 重大隐患 90. */
export const DEFAULT_DEADLINE_DAYS: Readonly<Record<Severity, number>> = { general: 30, major: 90 };

const DEADLINE_ENV: Readonly<Record<Severity, string>> = {
  general: 'HAZARD_DEADLINE_DAYS_GENERAL',
  major: 'HAZARD_DEADLINE_DAYS_MAJOR',
};

/** A setting that cannot be used; raised when the deadline is computed so the operator sees which variable. */
export class DeadlineConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineConfigError';
  }
}

/** Days to rectify per severity: the defaults, overridden by HAZARD_DEADLINE_DAYS_GENERAL / _MAJOR (1–3650). */
export function deadlineDays(env: Environment = process.env): Record<Severity, number> {
  const days = { ...DEFAULT_DEADLINE_DAYS };
  for (const severity of SEVERITIES) {
    const name = DEADLINE_ENV[severity];
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 3650) {
      throw new DeadlineConfigError(
        say(
          `${name} 必须是 1 到 3650 的整天数，收到的是“${raw.slice(0, 20)}”`,
          `${name} must be a whole number of days from 1 to 3650, got "${raw.slice(0, 20)}"`,
        ),
      );
    }
    days[severity] = Number(raw);
  }
  return days;
}

/** The default rectification deadline of a hazard of this severity found on `foundOn`. */
export function defaultDeadline(severity: Severity, foundOn: string, env: Environment = process.env): string {
  return addDays(foundOn, deadlineDays(env)[severity]);
}
