import { describe, expect, inject, it } from 'vitest';
import { appSession } from './app-session';
import { OverviewPage } from './driver';

const servers = inject('servers');

/** Every page an admin (who may open all of them) can reach. */
const PAGES = ['/', '/hazards', '/passages', '/reports', '/screen', '/data', '/data/edit', '/admin/users', '/admin/audit'];

describe.each(servers)('security headers on $engine', ({ url }) => {
  const session = appSession(url, undefined, 'admin');

  it.each(PAGES)(
    '%s runs under a nonce-based policy and is refused nothing',
    async (pathname) => {
      const headers = await session().visitAndSettle(pathname);
      const policy = headers['content-security-policy'] ?? '';
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).toContain("frame-ancestors 'none'");
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(session().policyViolations()).toEqual([]);
    },
    90_000,
  );

  it('gives every response a fresh nonce, and the map still starts its worker and draws', async () => {
    const first = (await session().visitAndSettle('/'))['content-security-policy'];
    const second = (await session().visitAndSettle('/'))['content-security-policy'];
    expect(first).not.toBe(second);
    await new OverviewPage(session()).waitUntilMapReady();
    expect(session().policyViolations()).toEqual([]);
  }, 90_000);
});

describe.each(servers)('security headers before sign-in on $engine', ({ url }) => {
  const session = appSession(url, undefined, null);

  it('sets them on the sign-in page and on the redirect to it', async () => {
    const headers = await session().visitAndSettle('/hazards');
    expect(session().currentPath()).toBe('/login');
    expect(headers['content-security-policy']).toContain("'strict-dynamic'");
    expect(session().policyViolations()).toEqual([]);
  }, 90_000);
});
