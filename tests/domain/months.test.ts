import { describe, expect, it } from 'vitest';
import { formatMonths, parseMonths } from '../../lib/domain/months';

describe('months as people write them', () => {
  it('reads ranges, lists and ranges that wrap past December', () => {
    expect(parseMonths('1-12')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(parseMonths('11,12,1,2')).toEqual([11, 12, 1, 2]);
    expect(parseMonths('11月-2月')).toEqual([11, 12, 1, 2]);
    expect(parseMonths('3-5，9～11')).toEqual([3, 4, 5, 9, 10, 11]);
    expect(parseMonths('6')).toEqual([6]);
    expect(parseMonths('全年')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('refuses what is not a list of months', () => {
    for (const text of ['', '半年', '0-3', '13', '1-', 'a,b']) expect(parseMonths(text), text).toBeNull();
  });

  it('writes the shortest ranges in calendar order', () => {
    expect(formatMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])).toBe('1-12');
    expect(formatMonths([11, 12, 1, 2])).toBe('1,2,11,12');
    expect(formatMonths([3, 4, 5, 9, 10, 11])).toBe('3-5,9-11');
    expect(formatMonths([1, 3, 5])).toBe('1,3,5');
  });
});
