import { say } from '../i18n/say';
/**
 * The campaign's clock. Days are counted in China time (Asia/Shanghai, UTC+8, no daylight saving) whatever
 * the server's or the database session's time zone, so "today", deadlines and 销号日期 agree everywhere.
 * SQL never computes today itself: queries take `chinaToday()` as a parameter.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A closed range of days, `YYYY-MM-DD` both ends. */
export interface DateRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in China, `YYYY-MM-DD`. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** This month's number (1–12) in China, where the seasons of the water sources are. */
export function chinaMonth(now: Date = new Date()): number {
  return new Date(now.getTime() + CHINA_OFFSET_MS).getUTCMonth() + 1;
}

/** The wall clock in China, `HH:MM:SS`. */
export function chinaClock(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(11, 19);
}

/**
 * An instant as the campaign reads it, in China time: `YYYY-MM-DD HH:MM` (or with seconds). A text that is not
 * an instant is returned as it is, so a page shows what it got rather than "Invalid Date".
 */
export function chinaDateTime(instant: Date | string, precision: 'minute' | 'second' = 'minute'): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return String(instant);
  const text = new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().replace('T', ' ');
  return text.slice(0, precision === 'minute' ? 16 : 19);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The days the product records and filters by: this century. A year such as 0202 or 9999 is a slip of the
 * keyboard, not a date to store, compare or sort by.
 */
export const DATE_LIMITS: DateRange = { from: '2000-01-01', to: '2099-12-31' };

/** A real calendar date within DATE_LIMITS: what every date a user gives must be. */
export function isPlausibleDate(value: string): boolean {
  return isCalendarDate(value) && value >= DATE_LIMITS.from && value <= DATE_LIMITS.to;
}

/** The one message for a date that is not plausible. */
export function dateProblem(field: string): string {
  return say(
    `${field} 必须是 ${DATE_LIMITS.from} 到 ${DATE_LIMITS.to} 之间真实存在的日期，格式 YYYY-MM-DD`,
    `${field} must be a real date between ${DATE_LIMITS.from} and ${DATE_LIMITS.to}, written YYYY-MM-DD`,
  );
}

/** `date` (YYYY-MM-DD) plus a number of calendar days, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  if (!isCalendarDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function lastDayOfMonth(year: number, month: number): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(days)}`;
}

/** `YYYY-MM` → its first and last day. */
export function monthRange(month: string): DateRange {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { from: `${year}-${pad(m)}-01`, to: lastDayOfMonth(year, m) };
}

export function yearRange(year: number): DateRange {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export const monthOf = (date: string) => date.slice(0, 7);
export const yearOf = (date: string) => Number(date.slice(0, 4));
export const minDate = (a: string, b: string) => (a < b ? a : b);

/** The last month that has ended by `date` (`YYYY-MM`): what a monthly report is written about. */
export function lastCompleteMonth(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}

/** Months `YYYY-MM` from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${pad(month)}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}
