import { describe, expect, inject, it } from 'vitest';
import { appSession } from './app-session';

const servers = inject('servers');
const PHONE = { width: 390, height: 844 };

describe.each(servers)('personal API tokens on the account page ($engine)', ({ engine, url }) => {
  const app = appSession(url, undefined, 'village');

  const ogc = (path: string, token: string) => fetch(new URL(path, url), { headers: { authorization: `Bearer ${token}` } });

  it('makes a token shown once, which reads the OGC API until it is revoked', async () => {
    const page = app().page;
    page.on('dialog', (dialog) => dialog.accept());
    await app().visit('/');
    await page.getByTestId('current-user').click();
    await page.waitForURL((address) => address.pathname === '/account');
    await app().waitFor('api-tokens');
    expect(await app().text('ogc-url')).toBe(`${url}/ogc`);

    await page.getByTestId('new-token-form').getByRole('textbox').fill('QGIS 村委会电脑');
    await page.getByTestId('new-token-form').getByRole('button').click();
    await app().waitFor('new-token-secret');
    const token = await app().text('new-token-secret');
    expect(token).toMatch(/^fst_[A-Za-z0-9_-]{43}$/);
    const row = page.locator('[data-testid^="token-"]').filter({ hasText: 'QGIS 村委会电脑' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('有效');
    await app().screenshot(`account-tokens-desktop-${engine}`);

    const collections = await ogc('/ogc/collections', token);
    expect(collections.status).toBe(200);
    expect((await collections.json()).collections.map((c: { title: string }) => c.title)).toContain('建筑（自建房）');

    // After a reload the secret is gone: only the name and dates are listed.
    await app().visit('/account');
    await app().waitFor('api-tokens');
    expect(await page.content()).not.toContain(token);

    await row.getByRole('button').click();
    await expect.poll(async () => row.textContent()).toContain('已吊销');
    const refused = await ogc('/ogc/collections', token);
    expect([refused.status, (await refused.json()).code]).toEqual([401, 'token_revoked']);
    expect(app().consoleErrors).toEqual([]);
  });

  describe('on a phone', () => {
    const phone = appSession(url, PHONE, 'village');
    it('fits the token list and form on a phone screen', async () => {
      await phone().visit('/account');
      await phone().waitFor('api-tokens');
      expect(await phone().page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await phone().screenshot(`account-tokens-phone-${engine}`);
    });
  });
});
