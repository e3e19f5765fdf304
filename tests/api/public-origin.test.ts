import { describe, expect, it } from 'vitest';
import { publicOrigin } from '../../lib/api/public-origin';

describe('the public origin of a request', () => {
  it('is the Host header the client sent, not the server’s own name', () => {
    expect(publicOrigin(new Headers({ host: '192.168.1.20:3000' }), 'http://localhost:3000/ogc')).toBe('http://192.168.1.20:3000');
  });

  it('follows a reverse proxy’s forwarded host and protocol (the first of a list)', () => {
    const headers = new Headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'gis.example.cn, inner', 'x-forwarded-proto': 'https' });
    expect(publicOrigin(headers, 'http://localhost:3000/')).toBe('https://gis.example.cn');
  });

  it('falls back to the URL, and never to a protocol other than http or https', () => {
    expect(publicOrigin(new Headers(), 'https://app.test/x')).toBe('https://app.test');
    expect(publicOrigin(new Headers({ host: 'a.test', 'x-forwarded-proto': 'javascript' }))).toBe('http://a.test');
  });
  it('puts PUBLIC_URL above the headers, without a trailing slash', () => {
    const headers = new Headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'proxy.test' });
    expect(publicOrigin(headers, 'http://localhost:3000/', { PUBLIC_URL: 'https://xf.example.cn/ ' })).toBe('https://xf.example.cn');
    expect(publicOrigin(headers, 'http://localhost:3000/', {})).toBe('http://proxy.test');
  });
});
