import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditPage, PasswordPage, UsersAdminPage } from './admin-driver';
import { appSession } from './app-session';
import { AppDriver, launchBrowser } from './driver';

const server = inject('servers').find((s) => s.engine === 'pglite')!;
const LIUHULAN = '141121104201';
const BAOXIAN = '141121104202';

describe('administering users', () => {
  const admin = appSession(server.url, undefined, 'admin');
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  const newInspector = async () => {
    const username = `insp${Date.now() % 1_000_000}`;
    const created = await admin().sendJson('POST', '/api/v1/users', {
      username,
      display_name: '临时检查员',
      role: 'inspector',
      villages: [LIUHULAN],
      password: 'first-password-1',
    });
    expect(created.status).toBe(201);
    return { username, id: created.body.user.id as number };
  };
  const villagesOf = async (id: number) =>
    ((await admin().fetchJson('/api/v1/users')).body.users as { id: number; villages: string[] }[]).find((u) => u.id === id)?.villages;

  it('chooses a user’s villages with the keyboard, as chips, and the audit log names them', async () => {
    const { username, id } = await newInspector();
    const users = new UsersAdminPage(admin());
    await users.open();
    expect(await users.chosenVillages(username)).toEqual(['刘胡兰村']);
    await users.addVillageByKeyboard(username, '保贤');
    expect(await users.chosenVillages(username)).toEqual(['刘胡兰村', '保贤村']);
    await expect.poll(() => villagesOf(id)).toEqual([LIUHULAN, BAOXIAN]);
    await admin().screenshot('admin-users');
    await users.removeVillageByKeyboard(username, '刘胡兰村');
    await expect.poll(() => villagesOf(id)).toEqual([BAOXIAN]);

    const audit = new AuditPage(admin());
    await audit.openRecord('users', id);
    const rows = await audit.rows();
    expect(rows.map((row) => row.actor)).toEqual(['管理员（示例）（admin）', '管理员（示例）（admin）', '管理员（示例）（admin）']);
    expect(rows.map((row) => row.record)).toEqual(['临时检查员', '临时检查员', '临时检查员']);
    expect(rows[0]!.changes).toEqual(['负责村: 刘胡兰村、保贤村 → 保贤村']);
    expect(rows[1]!.changes).toEqual(['负责村: 刘胡兰村 → 刘胡兰村、保贤村']);
    expect(rows[2]!.changes).toContain('角色: 检查员');
    expect(JSON.stringify(rows)).not.toMatch(/14112110420\d|inspector\b|villages|must_change_password/);
    await admin().screenshot('admin-audit');
    expect(admin().consoleErrors).toEqual([]);
  });

  it('resets a password: the user signs in with the temporary one, must change it, then lands on their page', async () => {
    const { username } = await newInspector();
    const users = new UsersAdminPage(admin());
    await users.open();
    const temporary = await users.resetPassword(username);
    expect(temporary).toMatch(/^[A-Za-z2-9]{12}$/);

    const user = await AppDriver.open(browser, server.url);
    try {
      expect((await user.sendJson('POST', '/api/auth/sign-in', { username, password: 'first-password-1' })).status).toBe(401);
      expect(await user.signInThroughForm(username, temporary)).toBe('/account/password');
      const password = new PasswordPage(user);
      expect(await password.isRequired()).toBe(true);
      await user.screenshot('password-change-required');
      // Any other page sends the user back until the password is changed; the API refuses too.
      await user.visit('/hazards');
      expect(user.currentPath()).toBe('/account/password');
      expect((await user.fetchJson('/api/v1/villages')).status).toBe(403);

      expect(await password.change(temporary, 'my-own-password-9')).toBe('/hazards');
      expect((await user.fetchJson('/api/v1/villages')).status).toBe(200);
      await user.signOut();
      expect((await user.sendJson('POST', '/api/auth/sign-in', { username, password: temporary })).status).toBe(401);
      expect((await user.sendJson('POST', '/api/auth/sign-in', { username, password: 'first-password-1' })).status).toBe(401);
      expect(await user.signInThroughForm(username, 'my-own-password-9')).toBe('/hazards');
    } finally {
      await user.close();
    }
  });
});
