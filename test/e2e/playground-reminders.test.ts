/**
 * The demo as `npm start` runs it (DEMO_DATA, reminders kept until the chat is opened), seen in
 * the Agents Playground: reminder cards arrive in Alex's chat by themselves — nobody types — and
 * "Signaal openen" replaces the reminder with the signal in place.
 */
import type { Page } from 'playwright-core';
import { describeWithBrowser, screenshotOnFailure } from '../support/browser';
import { CARD, PAGE_LOAD_MS, startPlaygroundSession, type PlaygroundSession } from '../support/playground-ui';

describeWithBrowser('reminders arriving by themselves in the Playground (demo data)', () => {
  let session: PlaygroundSession | undefined;
  let page: Page;

  beforeAll(async () => {
    session = await startPlaygroundSession({
      env: {
        DEMO_DATA: 'true',
        DEMO_FIRST_REMINDER_SECONDS: '0',
        REMINDER_INTERVAL_SECONDS: '2',
        REMINDER_WITHOUT_CONVERSATION: 'wait',
      },
    });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  }, 20_000);

  test('the question due tomorrow and the complaint nearing six weeks are reminded, each point once', async () => {
    await screenshotOnFailure(page, 'playground-reminders', async () => {
      await page.goto(session!.playground.url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_MS });
      const reminders = page.locator(CARD).filter({ hasText: 'Herinnering:' });
      const answer = reminders.filter({ hasText: 'Streefdatum antwoord' });
      const sixWeeks = reminders.filter({ hasText: 'Wettelijke termijn van 6 weken' });
      // The sweep runs every 2 s; the chat is known once the Playground opened it.
      await answer.first().waitFor({ timeout: PAGE_LOAD_MS });
      await sixWeeks.first().waitFor({ timeout: 15_000 });
      const text = await answer.first().innerText();
      expect(text).toMatch(/KS-\d{4}-\d{4}/);
      expect(text).toContain('bijna');

      // A few more sweeps: nothing is sent again. (The six weeks may have two points due at once
      // when holidays are in the way, so that count is taken from the first sweeps.)
      await page.waitForTimeout(3_000); // the rest of the sweep that sent them
      const shown = await reminders.count();
      await page.waitForTimeout(5_000);
      await expect(answer.count()).resolves.toBe(1);
      await expect(reminders.count()).resolves.toBe(shown);

      // Settling starts from the card: it becomes the signal, in place.
      await answer.first().getByRole('button', { name: 'Signaal openen' }).click();
      // The signal card: its account of what happened (the parent's details are behind "Ouder").
      const opened = page.locator(CARD).filter({ hasText: 'Wat is er gebeurd?' });
      await opened.first().waitFor({ timeout: 15_000 });
      await expect(answer.count()).resolves.toBe(0);
    });
  }, 120_000);
});
