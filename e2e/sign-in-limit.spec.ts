import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server';

/**
 * The per-address sign-in limit (30 failures in 15 minutes) against forged X-Forwarded-For headers, on servers of
 * its own: reaching the limit locks out the address every other spec signs in from.
 */
async function failedSignIns(url: string, users: string, count: number, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor(i), 'X-Peer-Address': `192.0.2.${i}` },
      // Four tries per username stay under the per-username limit of five.
      body: JSON.stringify({ username: `${users}${Math.floor(i / 4)}`, password: `wrong-${i}` }),
    });
    statuses.push(response.status);
  }
  return statuses;
}

describe('the sign-in limit per address', () => {
  let direct: RunningServer;
  let behindProxy: RunningServer;
  beforeAll(async () => {
    [direct, behindProxy] = await Promise.all([
      startServer({ DEMO_DATA: 'off' }),
      startServer({ DEMO_DATA: 'off', TRUST_PROXY: '127.0.0.1' }),
    ]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([direct?.stop(), behindProxy?.stop()]);
  });

  it('is not bypassed by a client rotating X-Forwarded-For or forging the peer header', async () => {
    const statuses = await failedSignIns(direct.url, 'rotating', 31, (i) => `198.51.100.${i}`);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses[30]).toBe(429);
  });

  it('counts each forwarded client apart when the proxy in front is trusted', async () => {
    const statuses = await failedSignIns(behindProxy.url, 'forwarded', 31, (i) => `198.51.100.${i}`);
    expect(statuses).toEqual(Array(31).fill(401));
    const same = await failedSignIns(behindProxy.url, 'one-client', 31, () => '203.0.113.9');
    expect(same.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(same[30]).toBe(429);
  });
});
