import { describe, expect, it } from 'vitest';
import { passageTitle } from '@/lib/i18n/passage-title';

describe('passage titles', () => {
  it('uses the name when the data has one', () => {
    expect(passageTitle('zh-CN', { name: '北胡东西大街', code: 'P00440', class: 'town_road' })).toBe('北胡东西大街');
  });

  it('says in words what an unnamed passage is, with its code', () => {
    expect(passageTitle('zh-CN', { name: null, code: 'P00430', class: 'lane' })).toBe('无名巷道 P00430');
    expect(passageTitle('en', { name: '', code: 'P00430', class: 'lane' })).toBe('Unnamed lane P00430');
    expect(passageTitle('zh-CN', { name: '  ', code: 'P00019', class: 'village_road' })).toBe('无名村道 P00019');
  });

  it('falls back to a plain "unnamed passage" for a class it does not know', () => {
    expect(passageTitle('zh-CN', { code: 'P00001', class: null })).toBe('无名通道 P00001');
    expect(passageTitle('en', { code: 'P00001', class: 'ferry' })).toBe('Unnamed passage P00001');
  });
});
