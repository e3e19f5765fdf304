import { z } from 'zod';
import { say } from '../i18n/say';
import { dateProblem, isCalendarDate, isPlausibleDate } from '../time';

/** A date inside a JSON body: YYYY-MM-DD, a day that exists, within the product's dates (`lib/time`). */
export function jsonDate(field: string) {
  const message = () => dateProblem(field);
  return z
    .string({ error: (issue) => (issue.input === undefined ? say(`请给出 ${field}`, `${field} is required`) : message()) })
    .trim()
    .refine(isPlausibleDate, { error: message });
}

// An instant with its offset: 2026-03-01T17:30:00Z, 2026-03-02T01:30:00.250+08:00 (seconds and fraction optional).
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** The instant an ISO 8601 text names (with Z or an offset, a day that exists), or null. */
export function parseInstant(text: string): Date | null {
  const match = INSTANT_PATTERN.exec(text);
  if (!match || !isCalendarDate(match[1] ?? '')) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/**
 * An instant inside a JSON body, between `earliest` and a few minutes past the server's clock (a phone's clock
 * may run a little fast), as UTC ISO text with milliseconds.
 */
export function jsonInstant(field: string, earliest: { instant: Date; label: string }, skewMs = 5 * 60_000) {
  const malformed = () =>
    say(
      `${field} 必须是带时区的时间，如 2026-03-01T09:30:00+08:00，且日期真实存在`,
      `${field} must be a time with its offset, such as 2026-03-01T09:30:00+08:00, on a day that exists`,
    );
  return z
    .string({ error: (issue) => (issue.input === undefined ? say(`请给出 ${field}`, `${field} is required`) : malformed()) })
    .trim()
    .transform((text, ctx) => {
      const instant = parseInstant(text);
      if (!instant) {
        ctx.addIssue({ code: 'custom', message: malformed() });
        return z.NEVER;
      }
      if (instant.getTime() < earliest.instant.getTime()) {
        ctx.addIssue({
          code: 'custom',
          message: say(`${field} 不能早于 ${earliest.label}`, `${field} cannot be before ${earliest.label}`),
        });
        return z.NEVER;
      }
      if (instant.getTime() > Date.now() + skewMs) {
        ctx.addIssue({
          code: 'custom',
          message: say(`${field} 不能晚于当前时间（手机时钟是否准确？）`, `${field} cannot be in the future (is the phone's clock right?)`),
        });
        return z.NEVER;
      }
      return instant.toISOString();
    });
}
