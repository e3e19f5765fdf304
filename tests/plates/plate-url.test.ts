import { describe, expect, it } from 'vitest';
import { plateOf, plateParam, platePath } from '../../lib/plates/plate-url';

const ORIGIN = 'https://fire.liuhulan.example';

describe('the plate a scanned code names', () => {
  it('reads back what a plate prints, for either kind and codes that need escaping', () => {
    expect(plateOf(`${ORIGIN}${platePath('building', 'LHL-B 0012')}`, ORIGIN)).toEqual({ kind: 'building', code: 'LHL-B 0012' });
    expect(plateOf(`${ORIGIN}/p/u/%E5%B0%8F%E5%BA%97-1`, ORIGIN)).toEqual({ kind: 'unit', code: '小店-1' });
  });

  it('refuses another site, another path and text that is no URL', () => {
    expect(plateOf('https://evil.example/p/b/LHL-B0012', ORIGIN)).toBeNull();
    expect(plateOf(`${ORIGIN}/hazards`, ORIGIN)).toBeNull();
    expect(plateOf(`${ORIGIN}/p/x/1`, ORIGIN)).toBeNull();
    expect(plateOf(`${ORIGIN}/p/b/%E0%A4%A`, ORIGIN)).toBeNull();
    expect(plateOf('WIFI:S:home;T:WPA;P:secret;;', ORIGIN)).toBeNull();
  });
});

describe('the plate a hazards-page address names', () => {
  it('reads plate=b:<code> and plate=u:<code>, codes with colons too, and nothing else', () => {
    expect(plateParam('plate=b%3ALHL-B0012&status=pending')).toEqual({ kind: 'building', code: 'LHL-B0012' });
    expect(plateParam('plate=u:U:1')).toEqual({ kind: 'unit', code: 'U:1' });
    expect(plateParam('plate=x:1')).toBeNull();
    expect(plateParam('plate=b:')).toBeNull();
    expect(plateParam('status=pending')).toBeNull();
  });
});
