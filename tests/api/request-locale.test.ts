import { describe, expect, it } from 'vitest';
import { inLocale, requestLocale } from '../../lib/api/request-locale';
import { say } from '../../lib/i18n/say';

const request = (headers: Record<string, string>) => new Request('http://app.test/api/v1/hazards', { headers });

describe('the language an API answer is worded in', () => {
  it("follows the UI's language switch, and the UI's default (Chinese) without it", () => {
    expect(requestLocale(request({ cookie: 'session=abc; lang=en' }))).toBe('en');
    expect(requestLocale(request({ cookie: 'lang=zh-CN; session=abc', 'accept-language': 'en-US' }))).toBe('zh-CN');
    // A browser with an English Accept-Language but no switch sees Chinese pages, so the API answers Chinese.
    expect(requestLocale(request({ cookie: 'session=abc', 'accept-language': 'en-US,en;q=0.9' }))).toBe('zh-CN');
    expect(requestLocale(request({ cookie: 'lang=fr' }))).toBe('zh-CN');
  });

  it('takes Accept-Language from token clients, which have no switch', () => {
    expect(requestLocale(request({ authorization: 'Bearer x', 'accept-language': 'en-GB,zh;q=0.5' }))).toBe('en');
    expect(requestLocale(request({ authorization: 'Bearer x', 'accept-language': 'fr, zh-TW;q=0.8, en;q=0.5' }))).toBe('zh-CN');
    expect(requestLocale(request({ authorization: 'Bearer x', 'accept-language': 'de' }))).toBe('zh-CN');
  });

  it('words messages in the locale of the request being answered, through awaits, and in English elsewhere', async () => {
    const worded = await inLocale('zh-CN', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return say('请先登录', 'sign in first');
    });
    expect(worded).toBe('请先登录');
    expect(inLocale('en', () => say('请先登录', 'sign in first'))).toBe('sign in first');
    expect(say('请先登录', 'sign in first')).toBe('sign in first');
  });
});
