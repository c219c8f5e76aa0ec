/**
 * The README's screenshot of the "Overzicht" tab: the bot on a fresh data directory with a year of
 * demo figures (test/support/tab-data.ts), the page opened in Chromium as staf kwaliteit.
 *
 *   npx tsx bench/tab-screenshot.ts [--theme dark] [--full] [--out docs/tab-overzicht.png] [--keep]
 *
 * --keep leaves the bot running (the address is printed) to look around by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { startApp } from '../src/server';
import { amsterdamDate } from '../src/domain/deadlines';
import { launchBrowser } from '../test/support/browser';
import { PEOPLE, SAMPLE_ORGANISATION } from '../test/support/services';
import { tabSignals } from '../test/support/tab-data';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const out = resolve(option('--out') ?? 'docs/tab-overzicht.png');
  const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-tab-shot-'));
  const app = await startApp({
    env: { REMINDERS_ENABLED: 'false' },
    settings: { PORT: option('--port') ?? '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION },
    logger: pino({ level: 'silent' }),
  });
  const now = new Date();
  for (const signal of tabSignals({ count: 400, year: now.getFullYear(), today: amsterdamDate(now) })) {
    await app.services.store.create(signal);
  }
  const url = `${app.url}/tab/?theme=${option('--theme') ?? 'light'}`;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.addInitScript({
      content: `localStorage.setItem('klantsignaal-tab-demo-person', '${PEOPLE.quality.id}')`,
    });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(url);
    await page.getByTestId('chart-months').waitFor();
    await page.screenshot({ path: out, fullPage: argv.includes('--full') });
    console.log(`Screenshot: ${out}`);
  } finally {
    await browser.close();
  }
  if (argv.includes('--keep')) {
    console.log(`The tab: ${url} (Ctrl+C stops)`);
    return;
  }
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
