import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../lib/api/errors';
import type { Actor } from '../../lib/auth/actor';
import { isCrossSiteMutation } from '../../lib/auth/csrf';
import { hashPassword, verifyPassword } from '../../lib/auth/password';
import { safeNextPath } from '../../lib/auth/safe-next';
import { assertInScope, scopedVillages } from '../../lib/auth/scope';
import { sessionTokenFromCookieHeader } from '../../lib/auth/session-token';

const actor = (villages: string[] | null): Actor => ({
  userId: 1,
  username: 'u',
  displayName: 'U',
  role: villages ? 'village' : 'office',
  villages,
  sessionId: 's',
  mustChangePassword: false,
});

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt every time', async () => {
    const a = await hashPassword('正确的密码 horse');
    const b = await hashPassword('正确的密码 horse');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('正确的密码 horse', a)).toBe(true);
    expect(await verifyPassword('正确的密码 hors', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text-not-a-hash')).toBe(false);
  });
});

describe('village scope', () => {
  it('gives town-wide users what they ask for and scoped users only their villages', () => {
    expect(scopedVillages(actor(null), [])).toEqual([]);
    expect(scopedVillages(actor(null), ['A'])).toEqual(['A']);
    expect(scopedVillages(actor(['A', 'B']), [])).toEqual(['A', 'B']);
    expect(scopedVillages(actor(['A', 'B']), ['B'])).toEqual(['B']);
    expect(() => scopedVillages(actor(['A']), ['A', 'C'])).toThrow(ForbiddenError);
  });

  it('answers 404 for a single record outside the scope, and town-level records only to town-wide users', () => {
    expect(() => assertInScope(actor(['A']), 'B', 'hazard')).toThrow(NotFoundError);
    expect(() => assertInScope(actor(['A']), null, 'station')).toThrow(NotFoundError);
    expect(() => assertInScope(actor(null), null, 'station')).not.toThrow();
    expect(() => assertInScope(actor(['A']), 'A', 'hazard')).not.toThrow();
  });
});

describe('CSRF: cross-site mutations', () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);
  it('refuses a POST whose Origin or Sec-Fetch-Site names another site', () => {
    expect(isCrossSiteMutation('POST', headers({ origin: 'http://evil.example' }), 'town.gov.cn')).toBe(true);
    expect(isCrossSiteMutation('PATCH', headers({ 'sec-fetch-site': 'cross-site' }), 'town.gov.cn')).toBe(true);
    expect(isCrossSiteMutation('POST', headers({ 'sec-fetch-site': 'same-site' }), 'town.gov.cn')).toBe(true);
    expect(isCrossSiteMutation('DELETE', headers({ origin: 'null' }), 'town.gov.cn')).toBe(true);
  });
  it('lets same-origin mutations, reads and non-browser clients through', () => {
    expect(isCrossSiteMutation('POST', headers({ origin: 'https://town.gov.cn', 'sec-fetch-site': 'same-origin' }), 'town.gov.cn')).toBe(
      false,
    );
    expect(isCrossSiteMutation('GET', headers({ origin: 'http://evil.example' }), 'town.gov.cn')).toBe(false);
    expect(isCrossSiteMutation('POST', headers({}), 'town.gov.cn')).toBe(false);
  });
});

describe('sign-in helpers', () => {
  it('reads the session cookie among others', () => {
    expect(sessionTokenFromCookieHeader('lang=en; fire_session=abc-_12; x=1')).toBe('abc-_12');
    expect(sessionTokenFromCookieHeader('lang=en')).toBeNull();
    expect(sessionTokenFromCookieHeader(null)).toBeNull();
  });
  it('only returns to pages of this site after sign-in', () => {
    expect(safeNextPath('/hazards?status=pending')).toBe('/hazards?status=pending');
    expect(safeNextPath('//evil.example/x')).toBeNull();
    expect(safeNextPath('https://evil.example')).toBeNull();
    expect(safeNextPath('/\\evil.example')).toBeNull();
    expect(safeNextPath('/login')).toBeNull();
  });
});
