import { afterAll, beforeAll } from 'vitest';
import { AppDriver, launchBrowser, VIEWPORTS } from './driver';

/**
 * A browser and a page on `url` for the specs of one describe block (opened before, closed after).
 * Returns a getter, since the page exists only once the block's beforeAll has run.
 */
export function appSession(url: string, viewport: { width: number; height: number } = VIEWPORTS.desktop): () => AppDriver {
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let app: AppDriver | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.open(browser, url, viewport);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });
  return () => app!;
}
