import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/seed/accounts';
import { AppDriver, launchBrowser } from './driver';

const servers = inject('servers');

/** Each demo role's start page, as the issue describes the users (not read from the code). */
const START_PAGES = {
  leader: '/screen',
  office: '/',
  planner: '/passages',
  inspector: '/hazards',
  village: '/hazards',
  admin: '/admin/users',
} as const;

describe.each(servers)('sign-in, sessions and CSRF on $engine', ({ url }) => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function withSession<T>(run: (app: AppDriver) => Promise<T>): Promise<T> {
    const app = await AppDriver.open(browser, url);
    try {
      return await run(app);
    } finally {
      await app.close();
    }
  }

  it('sends a visitor without a session to the sign-in page, which lists the demo accounts', async () => {
    await withSession(async (app) => {
      await app.visit('/hazards?status=pending');
      expect(app.currentPath()).toBe('/login');
      expect(new URL(app.page.url()).searchParams.get('next')).toBe('/hazards?status=pending');
      expect(await app.text('demo-accounts')).toContain('inspector');
      expect((await app.fetchJson('/api/v1/hazards')).status).toBe(401);
    });
  });

  for (const [role, start] of Object.entries(START_PAGES)) {
    it(`signs in as ${role} on the sign-in page and lands on ${start}`, async () => {
      await withSession(async (app) => {
        expect(await app.signInThroughForm(role)).toBe(start);
        // The wall screen has no menu bar; every other page shows who is signed in.
        if (start === '/screen') await app.waitFor('screen');
        else {
          await app.waitFor('current-user');
          expect(await app.page.getByTestId('current-user').getAttribute('data-role')).toBe(role);
        }
      });
    }, 60_000);
  }

  it('never sends the password in a URL, even when the form is submitted before its script has run', async () => {
    const app = await AppDriver.open(browser, url, undefined, { javaScript: false });
    try {
      const { requested, url: after } = await app.submitSignInWithEnter('inspector');
      expect(new URL(after).pathname).toBe('/login');
      expect([...requested, after].filter((address) => address.includes(DEMO_PASSWORD))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, and starts a new session on every sign-in', async () => {
    await withSession(async (app) => {
      await app.signIn('leader');
      const first = (await app.context.cookies()).find((c) => c.name === 'fire_session')!;
      expect(first).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true });
      await app.signIn('leader');
      const second = (await app.context.cookies()).find((c) => c.name === 'fire_session')!;
      expect(second.value).not.toBe(first.value);
      await app.signOut();
      expect((await app.fetchJson('/api/v1/villages')).status).toBe(401);
    });
  });

  it('answers 429 after repeated wrong passwords', async () => {
    await withSession(async (app) => {
      const username = `nobody${Date.now()}`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await app.sendJson('POST', '/api/auth/sign-in', { username, password: `wrong-${i}` })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    });
  });

  it('refuses a state-changing request from another origin, even with a valid session', async () => {
    await withSession(async (app) => {
      await app.signIn('office');
      const body = { category: 'other', severity: 'general', description: 'CSRF', location: { lon: 112.1, lat: 37.37 } };
      const crossSite = await app.sendJson('POST', '/api/v1/hazards', body, { Origin: 'http://evil.example' });
      expect(crossSite).toEqual({ status: 403, body: { code: 'cross_site', error: '跨站请求不能修改数据' } });
    });
  });

  it('ends a live session at once when an admin deactivates the user, and records who did it', async () => {
    await withSession(async (admin) => {
      await admin.signIn('admin');
      const username = `temp${Date.now() % 100000}`;
      const created = await admin.sendJson('POST', '/api/v1/users', {
        username,
        display_name: '临时检查员',
        role: 'inspector',
        villages: ['141121104201'],
        password: 'temporary-pass-1',
      });
      expect(created.status).toBe(201);
      await withSession(async (user) => {
        await user.signIn(username, 'temporary-pass-1');
        expect((await user.fetchJson('/api/v1/villages')).status).toBe(200);
        const patched = await admin.sendJson('PATCH', `/api/v1/users/${created.body.user.id}`, {
          version: created.body.user.version,
          active: false,
        });
        expect(patched.status).toBe(200);
        expect((await user.fetchJson('/api/v1/villages')).status).toBe(401);
        expect((await user.sendJson('POST', '/api/auth/sign-in', { username, password: 'temporary-pass-1' })).status).toBe(401);
      });
      const audit = await admin.fetchJson(`/api/v1/audit?table=users&record=${created.body.user.id}`);
      expect(audit.body.rows.map((r: { action: string; actor: string }) => `${r.action}:${r.actor}`)).toEqual([
        'update:admin',
        'create:admin',
      ]);
    });
  });
});
