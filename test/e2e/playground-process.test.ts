/**
 * End to end, as a person would: one complaint taken through the first steps of the process in the
 * Microsoft 365 Agents Playground, driven in Debian's Chromium. Registers it, opens the signal card,
 * handles it (parent not satisfied), escalates it to the childcare centre (Megan Bowen), then — as
 * Megan, via the demo role switch — to the organisation (Adele Vance). Every button is an
 * Action.Execute whose answer replaces the card in place; only typed commands add new messages.
 */
import type { Locator, Page } from 'playwright-core';
import { amsterdamDate } from '../../src/domain/deadlines';
import { describeWithBrowser, launchBrowser, screenshotOnFailure, type BrowserSession } from '../support/browser';
import { startPlayground, type RunningPlayground } from '../support/playground';

/** The Playground's JavaScript is ~9 MB; on a busy 2-core machine the first load takes a while. */
const PAGE_LOAD_MS = 45_000;
const STEP_MS = 15_000;
const POLL_MS = 100;

const MESSAGE_BOX = '[data-lexical-editor="true"][role=textbox]';
const CARD = '.ac-adaptiveCard';
const INTAKE_INTRO = 'Leg vast wat de ouder vertelde';

const PARENT = {
  name: 'Sanne de Vries',
  email: 'sanne.devries@voorbeeld.nl',
  description: 'Bij het ophalen was de overdracht te kort.',
  wish: 'Een gesprek met de locatiemanager',
};
const HANDLING = 'Gesprek gehad bij het ophalen; de ouder blijft ontevreden.';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describeWithBrowser('One complaint through the process in the Microsoft 365 Agents Playground (Chromium)', () => {
  let playground: RunningPlayground | undefined;
  let browser: BrowserSession | undefined;
  let page: Page;
  let reference = '';

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startPlayground(), launchBrowser()]);
    if (started.status === 'fulfilled') playground = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    page = await launched.value.newPage();
    page.setDefaultTimeout(STEP_MS);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
  }, 20_000);

  const cards = () => page.locator(CARD);
  const lastCard = () => cards().last();

  async function say(text: string): Promise<void> {
    const box = page.locator(MESSAGE_BOX);
    await box.click();
    await box.fill(text);
    await box.press('Enter');
  }

  /** Polls until `read()` satisfies `ok`, or fails with what it last saw. */
  async function waitUntil<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + STEP_MS;
    let value = await read();
    while (!ok(value)) {
      if (Date.now() > deadline) {
        throw new Error(`waited ${STEP_MS / 1000} s for ${what}; last seen:\n${String(value)}`);
      }
      await pause(POLL_MS);
      value = await read();
    }
    return value;
  }

  /** Waits until the card shows every one of `texts` (innerText, so split text blocks still match). */
  async function waitForTexts(card: Locator, ...texts: string[]): Promise<string> {
    return waitUntil(
      `the card to show ${texts.map((text) => `"${text}"`).join(', ')}`,
      () => card.innerText().catch(() => ''),
      (text) => texts.every((expected) => text.includes(expected)),
    );
  }

  /** Polls an input until it shows `expected` (the renderer updates asynchronously). */
  async function waitForValue(input: Locator, expected: string): Promise<void> {
    await waitUntil(
      `the input to show "${expected}"`,
      () => input.inputValue(),
      (value) => value === expected,
    );
  }

  async function choose(card: Locator, label: string, option: string): Promise<void> {
    await card.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await waitForValue(card.getByRole('combobox', { name: label }), option);
  }

  /** Types a command and returns the new last card, once it shows `expected`; checks it is one new message. */
  async function command(text: string, ...expected: string[]): Promise<Locator> {
    const before = await cards().count();
    await say(text);
    await waitUntil(
      `a new card after "${text}"`,
      () => cards().count(),
      (count) => count > before,
    );
    const card = cards().nth(before);
    await waitForTexts(card, ...expected);
    await expect(cards().count()).resolves.toBe(before + 1);
    return card;
  }

  /**
   * Clicks a button on the last card and waits until that same card shows `expected`:
   * Action.Execute replaces the card in place, so no message is added and it stays the last one.
   */
  async function clickInPlace(button: string, ...expected: string[]): Promise<string> {
    const count = await cards().count();
    const card = cards().nth(count - 1);
    await card.getByRole('button', { name: button, exact: true }).click();
    const text = await waitForTexts(card, ...expected);
    await expect(cards().count()).resolves.toBe(count);
    return text;
  }

  /** Fills the intake card the way an employee would (as in playground.test.ts). */
  async function fillIntake(card: Locator): Promise<void> {
    await choose(card, 'Soort signaal', 'Klacht');
    const receivedOn = amsterdamDate(new Date(Date.now() - 24 * 3600 * 1000));
    await card.getByRole('combobox', { name: 'Datum ontvangen' }).fill(receivedOn);
    // The picker opens over the card (and hides the rest from the accessibility tree): close it.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await choose(card, 'Kindercentrum', 'KDV De Zonnebloem, Utrecht');
    await choose(card, 'Thema', 'Communicatie');
    await choose(card, 'Hoe kwam het binnen?', 'Telefoon');
    await card.getByLabel('Naam ouder').fill(PARENT.name);
    await card.getByLabel('E-mail ouder').fill(PARENT.email);
    await choose(card, 'Hoe wil de ouder contact?', 'Gesprek');
    await card.getByLabel('Wat is er gebeurd?').fill(PARENT.description);
    await card.getByLabel('Wat wil de ouder?').fill(PARENT.wish);
  }

  it(
    'opens the chat',
    async () => {
      await screenshotOnFailure(page, 'playground-process-open', async () => {
        await page.goto(playground!.url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_MS });
        await cards().filter({ hasText: 'Welkom bij Klantsignaal' }).first().waitFor({ timeout: PAGE_LOAD_MS });
        await page.locator(MESSAGE_BOX).waitFor();
      });
    },
    PAGE_LOAD_MS + 15_000,
  );

  it('registers a complaint and opens its signal card from the summary, in place', async () => {
    await screenshotOnFailure(page, 'playground-process-register', async () => {
      const intake = await command('nieuw', INTAKE_INTRO);
      await fillIntake(intake);
      const summaryText = await clickInPlace('Registreren', 'Signaal geregistreerd');
      reference = /KS-\d{4}-\d{4}/.exec(summaryText)?.[0] ?? '';
      expect(reference).not.toBe('');

      const text = await clickInPlace(
        'Signaal openen',
        `${reference} · Klacht`,
        'Wettelijke termijn (6 weken)',
        'op tijd',
      );
      expect(text).not.toContain('Signaal geregistreerd');
      expect(text).toContain('Stap 0 · medewerker');
    });
  });

  it('handles it with an unsatisfied parent, then escalates it to the childcare centre', async () => {
    await screenshotOnFailure(page, 'playground-process-handle', async () => {
      const card = lastCard();
      await clickInPlace('Afhandelen + tevredenheid', 'Hoe is het afgehandeld?', 'Opslaan');
      await card.getByLabel('Hoe is het afgehandeld?').fill(HANDLING);
      await choose(card, 'Is de ouder tevreden?', 'Niet tevreden');
      let text = await clickInPlace('Opslaan', 'Afhandelen + tevredenheid: opgeslagen.', 'Niet tevreden', HANDLING);
      // The form is gone again.
      await expect(card.getByLabel('Hoe is het afgehandeld?').count()).resolves.toBe(0);

      await clickInPlace('Doorzetten naar kindercentrum', 'Locatiemanager', 'Opslaan');
      await choose(card, 'Locatiemanager', 'Megan Bowen');
      text = await clickInPlace('Opslaan', 'Doorzetten naar kindercentrum: opgeslagen.', 'Stap 1 · kindercentrum');
      expect(text).toContain('Niet tevreden');

      const stored = await playground!.app.services.store.getByReference(reference);
      expect(stored?.value).toMatchObject({
        step: 'location',
        handling: { satisfaction: 'notSatisfied', summary: HANDLING },
      });
    });
  });

  it('as the location manager (demo role), escalates it to the organisation with its deadlines', async () => {
    await screenshotOnFailure(page, 'playground-process-escalate', async () => {
      await command('rol locatiemanager', 'Je bent nu Megan Bowen');
      const card = await command(`status ${reference}`, `${reference} · Klacht`, 'Stap 1 · kindercentrum');

      await clickInPlace('Doorzetten naar organisatie', 'Manager primair proces / MT-lid', 'Opslaan');
      await choose(card, 'Manager primair proces / MT-lid', 'Adele Vance');
      const text = await clickInPlace(
        'Opslaan',
        'Doorzetten naar organisatie: opgeslagen.',
        'Stap 2 · organisatie',
        'Bevestiging (deze week)',
        'Gesprek (binnen 2 weken)',
      );
      expect(text).toContain('Adele Vance');

      await command('rol ik', 'Je bent weer jezelf.');
      const stored = await playground!.app.services.store.getByReference(reference);
      expect(stored?.value.history.map((event) => event.type)).toEqual([
        'registered',
        'handled',
        'escalatedToLocation',
        'escalatedToOrganisation',
      ]);
    });
  });
});
