/**
 * Issue 17's "done" in the Microsoft 365 Agents Playground (demo data, Debian's Chromium): staf kw
 * types `analyse` and sees first that the bot is working, then — in the same place — the
 * "Jaarverslag klachten" with real numbers (no "< 5"); the Playground has no file consent, so the
 * .docx comes as a download button, and the file staf kw downloads opens as the report.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { defaultReportYear } from '../../src/domain/analysis-workflow';
import { nl } from '../../src/i18n/nl';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { nlDownloads } from '../../src/i18n/nl-downloads';
import { describeWithBrowser, screenshotOnFailure } from '../support/browser';
import {
  CARD,
  MESSAGE_BOX,
  PAGE_LOAD_MS,
  newCardAfter,
  waitForTexts,
  waitUntil,
  startPlaygroundSession,
  type PlaygroundSession,
} from '../support/playground-ui';

const TEST_MS = 150_000;

describeWithBrowser('the yearly report in the Playground (issue 17)', () => {
  let session: PlaygroundSession | undefined;
  let page: Page;

  beforeAll(async () => {
    session = await startPlaygroundSession({ env: { DEMO_DATA: 'true', REMINDERS_ENABLED: 'false' } });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  }, 20_000);

  it(
    'staf kw: `analyse` shows real numbers in place of a working card, and the .docx downloads and opens',
    async () => {
      await screenshotOnFailure(page, 'playground-report', async () => {
        await page.goto(session!.playground.url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_MS });
        await page
          .locator(CARD)
          .filter({ hasText: 'Welkom bij Klantsignaal' })
          .first()
          .waitFor({ timeout: PAGE_LOAD_MS });
        await page.locator(MESSAGE_BOX).waitFor();
        const role = await newCardAfter(page, 'rol staf');
        await waitForTexts(role.card, `(${nl.roles.quality}). Alles wat je hierna doet`);

        const { year, interim } = defaultReportYear(new Date());
        const title = interim ? nlAnalysis.interimTitle(year) : nlAnalysis.title(year);
        const { card, before } = await newCardAfter(page, 'analyse');
        const text = await waitForTexts(card, nlAnalysis.card.produced(year), title, nlAnalysis.comparison.complaints);
        expect(text).not.toContain('< 5');
        expect(text).not.toContain(nlAnalysis.card.working(year, interim));
        // Real numbers: the demo's complaints are counted, not hidden.
        expect(text).toMatch(new RegExp(`${nlAnalysis.comparison.complaints}\\s+[1-9]\\d*`));

        // The working card was replaced, not followed: the analysis card and the download card.
        const downloads = page.locator(CARD).nth(before + 1);
        await waitForTexts(downloads, nlDownloads.title, nlDownloads.button(nlAnalysis.fileName(year, 'docx')));
        await expect(page.locator(CARD).count()).resolves.toBe(before + 2);

        const download = await downloadBy(page, () =>
          downloads.getByText(nlDownloads.button(nlAnalysis.fileName(year, 'docx')), { exact: true }).click(),
        );
        expect(download.suggestedFilename()).toBe(nlAnalysis.fileName(year, 'docx'));
        const path = await download.path();
        const zip = await JSZip.loadAsync(readFileSync(path));
        const xml = await zip.file('word/document.xml')!.async('string');
        expect(xml).toContain(title);
        expect(xml).toContain('Strekking van de oordelen');
        expect(xml).not.toContain('&lt; 5');

        // The access log has it: staf kw (Isaiah Langer in the demo) downloaded that file.
        const log = await session!.playground.app.services.accessLog!.list({});
        expect(log.filter((entry) => entry.action === 'download').map((entry) => entry.reference)).toEqual([
          nlAnalysis.fileName(year, 'docx'),
        ]);
      });
    },
    TEST_MS,
  );
});

/**
 * Clicks a download button (Action.OpenUrl) and returns the download, whether the Playground opens
 * the link in a new tab or in the page itself.
 */
async function downloadBy(page: Page, click: () => Promise<void>): Promise<Download> {
  const seen: Download[] = [];
  const watch = (target: Page) => target.on('download', (download) => seen.push(download));
  watch(page);
  page.context().on('page', watch);
  await click();
  await waitUntil(
    'a download after the click',
    async () => seen.length,
    (count) => count > 0,
  );
  return seen[0]!;
}
