import { describe, expect, it } from 'vitest';
import { clientAddressOf, parseTrustProxy, TrustProxyConfigError } from '../../lib/auth/client-address';

const none = parseTrustProxy(undefined);

describe('the client address behind proxies', () => {
  it('believes no forwarding header unless proxies are trusted', () => {
    expect(clientAddressOf('203.0.113.7', '198.51.100.1', none)).toBe('203.0.113.7');
    expect(clientAddressOf('::ffff:203.0.113.7', null, parseTrustProxy('0'))).toBe('203.0.113.7');
    expect(clientAddressOf(null, '198.51.100.1', none)).toBeNull();
  });

  it('with N trusted hops takes the address the Nth proxy from the app saw', () => {
    // client 198.51.100.1 → proxy A 10.0.0.1 → proxy B 10.0.0.2 → app; a forged first hop is prepended by the client.
    const header = '1.2.3.4, 198.51.100.1, 10.0.0.1';
    expect(clientAddressOf('10.0.0.2', header, parseTrustProxy('2'))).toBe('198.51.100.1');
    expect(clientAddressOf('10.0.0.2', header, parseTrustProxy('1'))).toBe('10.0.0.1');
    expect(clientAddressOf('10.0.0.2', '198.51.100.1', parseTrustProxy('5'))).toBe('198.51.100.1');
  });

  it('with trusted addresses walks back past them only', () => {
    const trusted = parseTrustProxy('10.0.0.0/8, 127.0.0.1');
    expect(clientAddressOf('127.0.0.1', '1.2.3.4, 198.51.100.1, 10.1.2.3', trusted)).toBe('198.51.100.1');
    expect(clientAddressOf('203.0.113.7', '198.51.100.1', trusted)).toBe('203.0.113.7');
    expect(clientAddressOf('127.0.0.1', 'not-an-address', trusted)).toBeNull();
  });

  it('refuses a setting it cannot read, naming it', () => {
    expect(() => parseTrustProxy('proxy.example')).toThrow(TrustProxyConfigError);
    expect(() => parseTrustProxy('10.0.0.0/x')).toThrow(/TRUST_PROXY/);
  });
});
