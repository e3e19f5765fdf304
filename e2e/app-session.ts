import { afterAll, beforeAll } from 'vitest';
import { AppDriver, launchBrowser, VIEWPORTS } from './driver';

/**
 * A browser and a page on `url` for the specs of one describe block (opened before, closed after), signed in
 * as the given demo account (the office, which sees everything, unless told otherwise; null stays signed out).
 * Returns a getter, since the page exists only once the block's beforeAll has run. `url` may be a getter too, for
 * a server the spec starts itself.
 */
export function appSession(
  url: string | (() => string),
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
  username: string | null = 'office',
): () => AppDriver {
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let app: AppDriver | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.open(browser, typeof url === 'string' ? url : url(), viewport);
    if (username) await app.signIn(username);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });
  return () => app!;
}
