import { describe, expect, it } from 'vitest';
import { formatField } from '../../lib/map/format-field';

describe('detail card values', () => {
  it('labels codes, booleans, months and empties in Chinese and English', () => {
    expect(formatField('business', { enumGroup: 'use' }, 'zh-CN')).toBe('经营性自建房');
    expect(formatField('business', { enumGroup: 'use' }, 'en')).toBe('Business self-built house');
    expect(formatField('4', { enumGroup: 'fire_grade' }, 'zh-CN')).toBe('四级');
    expect(formatField(true, 'bool', 'zh-CN')).toBe('是');
    expect(formatField(false, 'bool', 'en')).toBe('No');
    expect(formatField([3, 4, 5], 'months', 'zh-CN')).toBe('3、4、5月');
    expect(formatField([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 'months', 'zh-CN')).toBe('全年');
    expect(formatField(null, 'text', 'zh-CN')).toBe('—');
    expect(formatField(12345.678, 'number', 'en')).toBe('12,345.68');
  });

  it('passes hostile text through unchanged, as text', () => {
    expect(formatField('<img src=x onerror=alert(1)>', 'text', 'zh-CN')).toBe('<img src=x onerror=alert(1)>');
    expect(formatField('<b>x</b>', { enumGroup: 'use' }, 'zh-CN')).toBe('<b>x</b>');
  });
});
