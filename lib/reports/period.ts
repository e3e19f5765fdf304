import { BadRequestError } from '../api/errors';

/** A closed range of days, `YYYY-MM-DD` both ends. */
export interface DateRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date in China (UTC+8), where the campaign's days are counted. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
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

/** `month=YYYY-MM` within the campaign's data (2000–2100), not after today's month. */
export function parseMonthParam(value: string | null, today: string): string {
  if (!value) throw new BadRequestError('month is required, as YYYY-MM (e.g. 2026-10)');
  const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12 || Number(match[1]) < 2000) {
    throw new BadRequestError(`month must be YYYY-MM (e.g. 2026-10), got "${value.slice(0, 40)}"`);
  }
  if (`${match[1]}-${match[2]}` > monthOf(today)) {
    throw new BadRequestError(`month ${value} is after the current month ${monthOf(today)}`);
  }
  return `${match[1]}-${match[2]}`;
}

/** `year=YYYY` from 2000 to today's year. */
export function parseYearParam(value: string | null, today: string): number {
  if (!value) throw new BadRequestError('year is required, as YYYY (e.g. 2026)');
  const year = /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(year) || year < 2000 || year > yearOf(today)) {
    throw new BadRequestError(`year must be a year from 2000 to ${yearOf(today)}, got "${value.slice(0, 40)}"`);
  }
  return year;
}
