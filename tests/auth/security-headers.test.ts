import { describe, expect, it } from 'vitest';
import { basemapSources, contentSecurityPolicy } from '../../lib/auth/security-headers';
import { basemapFromEnvironment } from '../../lib/map/basemap';

describe('the content security policy', () => {
  it('allows no other origin with the offline basemap', () => {
    const policy = contentSecurityPolicy({ nonce: 'abc', basemapSources: basemapSources({ kind: 'offline' }), development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).toContain("img-src 'self' data: blob:;");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
  });

  it("allows Tianditu's eight tile servers, and no key, when Tianditu is configured", () => {
    const sources = basemapSources(basemapFromEnvironment({ NODE_ENV: 'production', TIANDITU_KEY: 'secret-key' }));
    expect(sources).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`));
    const policy = contentSecurityPolicy({ nonce: 'n', basemapSources: sources, development: false });
    expect(policy).toContain("connect-src 'self' https://t0.tianditu.gov.cn");
    expect(policy).not.toContain('secret-key');
  });

  it('turns a subdomain template of a raster basemap into a wildcard', () => {
    expect(
      basemapSources(
        basemapFromEnvironment({ NODE_ENV: 'production', BASEMAP_RASTER_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' }),
      ),
    ).toEqual(['https://*.tiles.example.org']);
  });

  it('lets only the development server evaluate code', () => {
    expect(contentSecurityPolicy({ nonce: 'n', basemapSources: [], development: true })).toContain("'unsafe-eval'");
  });
});
