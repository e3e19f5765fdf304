import { describe, expect, it } from 'vitest';
import { addDays, chinaClock, chinaDateTime, chinaMonth, chinaToday, isCalendarDate, lastCompleteMonth } from '../../lib/time';

// 2026-03-31 18:40 UTC is 2026-04-01 02:40 in Beijing: the small hours are where a UTC clock is a day behind.
const BEIJING_0240 = new Date('2026-03-31T18:40:00Z');

describe('the China clock', () => {
  it('counts the day and the month in Beijing, not in UTC', () => {
    expect(chinaToday(BEIJING_0240)).toBe('2026-04-01');
    expect(chinaMonth(BEIJING_0240)).toBe(4);
    expect(chinaClock(BEIJING_0240)).toBe('02:40:00');
  });

  it('turns the day at midnight Beijing time', () => {
    expect(chinaToday(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(chinaToday(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });

  it('writes an instant in China time, the day turning at 16:00 UTC', () => {
    expect(chinaDateTime('2026-03-31T18:40:05Z')).toBe('2026-04-01 02:40');
    expect(chinaDateTime(new Date('2026-03-31T15:59:59Z'), 'second')).toBe('2026-03-31 23:59:59');
    expect(chinaDateTime('not a time')).toBe('not a time');
  });

  it('names the last complete month, across a year end', () => {
    expect(lastCompleteMonth('2026-12-01')).toBe('2026-11');
    expect(lastCompleteMonth('2027-01-31')).toBe('2026-12');
    expect(lastCompleteMonth('2026-10-15')).toBe('2026-09');
  });

  it('knows real calendar days', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
