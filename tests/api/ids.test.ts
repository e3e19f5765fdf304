import { describe, expect, it } from 'vitest';
import { formId, jsonId, MAX_ID, parseId, pathId } from '../../lib/api/ids';

describe('the id parser', () => {
  it('reads canonical positive ids up to the largest PostgreSQL integer', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId('42')).toBe(42);
    expect(parseId('2147483647')).toBe(2 ** 31 - 1);
    expect(MAX_ID).toBe(2 ** 31 - 1);
  });

  it('refuses everything else, 0 included, so no such text reaches a query', () => {
    for (const text of ['0', '-1', '2147483648', '9999999999', '99999999999', '1e3', ' 1', '1 ', '01', '1.0', '+1', '0x10', '', '١']) {
      expect(parseId(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('is the same parser for paths, form fields and JSON bodies, with one message', () => {
    expect(pathId('hazard id').parse('7')).toBe(7);
    expect(pathId('hazard id').safeParse('0').error?.issues[0]?.message).toBe('hazard id must be a positive whole number up to 2147483647');
    const form = new FormData();
    form.set('event_id', '12');
    expect(formId(form, 'event_id')).toBe(12);
    expect(formId(new FormData(), 'event_id')).toBeNull();
    form.set('event_id', '2147483648');
    expect(() => formId(form, 'event_id')).toThrow('event_id must be a positive whole number up to 2147483647');
    expect(jsonId('building_id').parse(5)).toBe(5);
    for (const value of [0, -1, 1.5, 2 ** 31, '5']) {
      expect(jsonId('building_id').safeParse(value).error?.issues[0]?.message, String(value)).toBe(
        'building_id must be a positive whole number up to 2147483647',
      );
    }
  });
});
