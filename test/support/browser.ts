/**
 * Debian's Chromium, driven by playwright-core (no browser download).
 *
 * Browser tests use `describeWithBrowser`: without Chromium they are skipped with a printed reason,
 * except when `CI` or `REQUIRE_BROWSER` is set (.ci/run sets both); then they fail with a message
 * that says how to install it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The flags verified in STACK.md; playwright-core adds `--headless` itself for `headless: true`. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where failure screenshots go (gitignored). */
export const RESULTS_DIR = resolve(__dirname, '../../test-results');

/** Only loopback addresses may be reached from a test page. */
export const OUTSIDE_REQUEST = /^https?:\/\/(?!127\.0\.0\.1|localhost)/;

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** In CI (or when asked) a missing browser is a failure, not a skip. */
export function browserRequired(): boolean {
  return isSet(process.env.CI) || isSet(process.env.REQUIRE_BROWSER);
}

const INSTALL_HINT = `Chromium was not found at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium`;

/** `describe` when Chromium is there; a skip with a reason, or a clear failure in CI, when it is not. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (browserAvailable()) {
    describe(name, body);
    return;
  }
  if (browserRequired()) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${INSTALL_HINT}\n(CI or REQUIRE_BROWSER is set, so browser tests fail instead of skipping.)`);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${INSTALL_HINT} (set CI or REQUIRE_BROWSER to make this a failure).`);
  describe.skip(name, body);
}

export interface BrowserSession {
  context: BrowserContext;
  /** A new page that can only reach 127.0.0.1 / localhost (outside requests are aborted). */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium headless with a fresh user-data-dir, removed again on close. */
export async function launchBrowser(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 1280, height: 1000 },
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      await page.route(OUTSIDE_REQUEST, (route) => route.abort());
      return page;
    },
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Runs `body`; when it throws, saves a full-page screenshot to test-results/<name>.png first. */
export async function screenshotOnFailure<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    try {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const file = join(RESULTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
      console.warn(`Screenshot of the failure: ${file}`);
    } catch {
      // The page may be gone; the original error matters more.
    }
    throw error;
  }
}
