/**
 * The administrator's pages in the product's terms: choose a user's villages, reset a password, read the
 * audit log; and the password page a user is sent to after a reset. Only this file (and driver.ts) touches Playwright.
 */
import type { AppDriver } from './driver';

export class UsersAdminPage {
  constructor(readonly app: AppDriver) {}

  private get page() {
    return this.app.page;
  }

  async open(): Promise<void> {
    await this.app.visit('/admin/users');
    await this.app.waitFor('users-admin');
  }

  private picker(username: string) {
    return this.page.getByTestId(`villages-${username}`);
  }

  /** The village names shown as chips for a user, in order. */
  async chosenVillages(username: string): Promise<string[]> {
    const chips = this.picker(username).getByTestId('village-chip');
    return (await chips.allTextContents()).map((text) => text.replace(/×$/, '').trim());
  }

  /** Types into the user's village search, moves down to the first match with the keyboard and presses Enter. */
  async addVillageByKeyboard(username: string, search: string): Promise<void> {
    const before = await this.picker(username).getByTestId('village-chip').count();
    const box = this.picker(username).getByTestId('village-search');
    await box.focus();
    await box.pressSequentially(search);
    await box.press('ArrowDown');
    await box.press('Enter');
    await this.picker(username).getByTestId('village-chip').nth(before).waitFor();
  }

  /** Removes a chip with its × button (reached by Tab, pressed with Enter). */
  async removeVillageByKeyboard(username: string, name: string): Promise<void> {
    const chip = this.picker(username).getByTestId('village-chip').filter({ hasText: name });
    await chip.getByTestId('village-chip-remove').focus();
    await this.page.keyboard.press('Enter');
    await chip.waitFor({ state: 'detached' });
  }

  /** Resets a user's password (confirming the question) and reads the temporary password shown once. */
  async resetPassword(username: string): Promise<string> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.page.getByTestId(`reset-password-${username}`).click();
    await this.app.waitFor('reset-password-secret');
    return (await this.app.text('reset-password-secret')).trim();
  }
}

export class PasswordPage {
  constructor(readonly app: AppDriver) {}

  async isRequired(): Promise<boolean> {
    return this.app.isVisible('password-required');
  }

  /** Chooses a new password; resolves with the path of the page it lands on. */
  async change(current: string, next: string): Promise<string> {
    const page = this.app.page;
    await page.getByTestId('password-current').fill(current);
    await page.getByTestId('password-new').fill(next);
    await page.getByTestId('password-repeat').fill(next);
    await Promise.all([
      page.waitForURL((url) => url.pathname !== '/account/password', { timeout: 30_000 }),
      page.getByTestId('password-submit').click(),
    ]);
    return this.app.currentPath();
  }
}

export class AuditPage {
  constructor(readonly app: AppDriver) {}

  /** Opens the audit log filtered to one record; resolves once its rows are shown. */
  async openRecord(table: string, record: number): Promise<void> {
    await this.app.visit(`/admin/audit?table=${table}&record=${record}`);
    await this.app.waitFor('audit-total');
  }

  /** Each row's actor, record and "label: before → after" lines, newest first. */
  async rows(): Promise<{ actor: string; record: string; changes: string[] }[]> {
    return this.app.page.getByTestId('audit-row').evaluateAll((rows) =>
      rows.map((row) => ({
        actor: row.querySelector('[data-testid=audit-actor-name]')?.textContent ?? '',
        record: row.querySelector('[data-testid=audit-record]')?.textContent ?? '',
        changes: [...row.querySelectorAll('[data-testid=audit-changes] > div')].map(
          (change) => `${change.querySelector('dt')?.textContent}: ${change.querySelector('dd')?.textContent}`,
        ),
      })),
    );
  }
}
