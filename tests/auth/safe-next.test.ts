import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../lib/auth/safe-next';

describe('the page after sign-in', () => {
  it('keeps a path of this site with its query', () => {
    expect(safeNextPath('/hazards?status=pending&village=140923100201')).toBe('/hazards?status=pending&village=140923100201');
    expect(safeNextPath('/passages')).toBe('/passages');
  });

  it.each([
    ['another host', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash', '/\\evil.example'],
    ['a tab that browsers drop', '/\t/evil.example/'],
    ['a newline', '/\n/evil.example/'],
    ['a carriage return in a header', '/hazards\r\nSet-Cookie: x=1'],
    ['a NUL byte', '/hazards\u0000'],
    ['an encoded slash', '/%2F/evil.example/'],
    ['an encoded backslash', '/%5cevil.example'],
    ['a scheme', 'javascript:alert(1)'],
    ['the sign-in page', '/login?next=/'],
    ['nothing', ''],
  ])('refuses %s', (_, value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});
