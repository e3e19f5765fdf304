import { BadRequestError } from '../api/errors';
import { say } from '../i18n/say';
import { monthOf, yearOf } from '../time';

/** `month=YYYY-MM` within the campaign's data (2000–2100), not after today's month. */
export function parseMonthParam(value: string | null, today: string): string {
  if (!value) throw new BadRequestError(say('请给出月份，格式 YYYY-MM（例如 2026-10）', 'month is required, as YYYY-MM (e.g. 2026-10)'));
  const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12 || Number(match[1]) < 2000) {
    throw new BadRequestError(
      say(
        `月份格式必须是 YYYY-MM（例如 2026-10），收到的是“${value.slice(0, 40)}”`,
        `month must be YYYY-MM (e.g. 2026-10), got "${value.slice(0, 40)}"`,
      ),
    );
  }
  if (`${match[1]}-${match[2]}` > monthOf(today)) {
    throw new BadRequestError(say(`${value} 晚于本月 ${monthOf(today)}`, `month ${value} is after the current month ${monthOf(today)}`));
  }
  return `${match[1]}-${match[2]}`;
}

/** `year=YYYY` from 2000 to today's year. */
export function parseYearParam(value: string | null, today: string): number {
  if (!value) throw new BadRequestError(say('请给出年份，格式 YYYY（例如 2026）', 'year is required, as YYYY (e.g. 2026)'));
  const year = /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(year) || year < 2000 || year > yearOf(today)) {
    throw new BadRequestError(
      say(
        `年份必须在 2000 到 ${yearOf(today)} 之间，收到的是“${value.slice(0, 40)}”`,
        `year must be a year from 2000 to ${yearOf(today)}, got "${value.slice(0, 40)}"`,
      ),
    );
  }
  return year;
}
