/**
 * End to end, as a person would: the real bot (startApp) behind Microsoft 365 Agents Playground,
 * driven in Debian's Chromium. Opens the chat, sees the welcome card, types `nieuw`, fills the
 * intake card and registers a complaint; a wrong e-mail address gets a Dutch message at the field.
 */
import type { Locator, Page } from 'playwright-core';
import { amsterdamDate } from '../../src/domain/deadlines';
import { describeWithBrowser, screenshotOnFailure } from '../support/browser';
import {
  CARD,
  choose,
  INTAKE_INTRO,
  MESSAGE_BOX,
  PAGE_LOAD_MS,
  say,
  startPlaygroundSession,
  type PlaygroundSession,
} from '../support/playground-ui';

/** What a parent told the employee; the description carries Markdown and HTML that must stay text. */
const PARENT = {
  name: 'Sanne de Vries',
  email: 'sanne.devries@voorbeeld.nl',
  wrongEmail: 'sanne.devries@voorbeeld',
  description: 'Bij het ophalen was de overdracht te kort. **vet** <b>x</b> [link](http://evil)',
  wish: 'Een gesprek met de locatiemanager',
};

describeWithBrowser('Klantsignaal in the Microsoft 365 Agents Playground (Chromium)', () => {
  let session: PlaygroundSession | undefined;
  let page: Page;

  beforeAll(async () => {
    session = await startPlaygroundSession();
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  }, 20_000);

  const cards = () => page.locator(CARD);
  const intakeCards = () => cards().filter({ hasText: INTAKE_INTRO });

  /** Types `nieuw` and returns the intake card that the bot sends. */
  async function openIntake(): Promise<Locator> {
    const before = await intakeCards().count();
    await say(page, 'nieuw');
    await intakeCards().nth(before).waitFor();
    return intakeCards().nth(before);
  }

  /** Fills every field the way an employee would (no phone number: e-mail is enough). */
  async function fillIntake(card: Locator, email: string): Promise<string> {
    await choose(page, card, 'Soort signaal', 'Klacht');
    // Yesterday: the card defaults to today; a person corrects it with the date field.
    const receivedOn = amsterdamDate(new Date(Date.now() - 24 * 3600 * 1000));
    const date = card.getByRole('combobox', { name: 'Datum ontvangen' });
    await date.fill(receivedOn);
    // The picker opens over the card (and hides the rest from the accessibility tree): close it.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await choose(page, card, 'Kindercentrum', 'KDV De Zonnebloem, Utrecht');
    await choose(page, card, 'Thema', 'Communicatie');
    await choose(page, card, 'Hoe kwam het binnen?', 'Telefoon');
    await card.getByLabel('Naam ouder').fill(PARENT.name);
    await card.getByLabel('E-mail ouder').fill(email);
    await choose(page, card, 'Hoe wil de ouder contact?', 'Gesprek');
    await card.getByLabel('Wat is er gebeurd?').fill(PARENT.description);
    await card.getByLabel('Wat wil de ouder?').fill(PARENT.wish);
    return receivedOn;
  }

  it(
    'shows the Dutch welcome card when the chat opens',
    async () => {
      await screenshotOnFailure(page, 'playground-welcome', async () => {
        await page.goto(session!.playground.url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_MS });
        const welcome = cards().filter({ hasText: 'Welkom bij Klantsignaal' });
        await welcome.first().waitFor({ timeout: PAGE_LOAD_MS });
        await expect(welcome.first().innerText()).resolves.toContain('Je bent bekend als Medewerker.');
        await expect(welcome.first().getByRole('button', { name: 'Nieuw signaal' }).isVisible()).resolves.toBe(true);
        await page.locator(MESSAGE_BOX).waitFor();
      });
    },
    PAGE_LOAD_MS + 15_000,
  );

  it('registers a complaint filled in as a person would, and replaces the card with its summary', async () => {
    await screenshotOnFailure(page, 'playground-register', async () => {
      const card = await openIntake();
      const receivedOn = await fillIntake(card, PARENT.email);
      const cardCount = await cards().count();

      await card.getByRole('button', { name: 'Registreren' }).click();

      const summary = cards().filter({ hasText: 'Signaal geregistreerd' });
      await summary.first().waitFor();
      const text = await summary.first().innerText();
      const reference = /KS-\d{4}-\d{4}/.exec(text)?.[0];
      expect(reference).toBeDefined();
      expect(text).toContain('Klacht');
      expect(text).toContain('KDV De Zonnebloem, Utrecht');
      expect(text).toContain('Wettelijke termijn (6 weken)');
      // Replaced in place: the intake card is gone and no extra message appeared.
      await expect(intakeCards().count()).resolves.toBe(0);
      await expect(cards().count()).resolves.toBe(cardCount);

      const stored = await session!.playground.app.services.store.getByReference(reference!);
      expect(stored?.value).toMatchObject({
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn,
        description: PARENT.description,
        parentWish: PARENT.wish,
        parent: { name: PARENT.name, email: PARENT.email, contactPreference: 'meeting' },
      });
    });
  });

  it('shows a Dutch message at a wrong e-mail address and keeps everything that was typed', async () => {
    await screenshotOnFailure(page, 'playground-wrong-email', async () => {
      const card = await openIntake();
      await fillIntake(card, PARENT.wrongEmail);

      await card.getByRole('button', { name: 'Registreren' }).click();

      await card.getByText('Dit is geen geldig e-mailadres.').waitFor();
      await expect(card.innerText()).resolves.toContain('Niet alles is goed ingevuld');
      await expect(card.getByLabel('E-mail ouder').inputValue()).resolves.toBe(PARENT.wrongEmail);
      await expect(card.getByLabel('Naam ouder').inputValue()).resolves.toBe(PARENT.name);
      await expect(card.getByLabel('Wat is er gebeurd?').inputValue()).resolves.toBe(PARENT.description);
      await expect(card.getByLabel('Wat wil de ouder?').inputValue()).resolves.toBe(PARENT.wish);
      await expect(card.getByRole('combobox', { name: 'Soort signaal' }).inputValue()).resolves.toBe('Klacht');
      await expect(card.getByRole('combobox', { name: 'Thema' }).inputValue()).resolves.toBe('Communicatie');
      await expect(card.getByRole('combobox', { name: 'Hoe wil de ouder contact?' }).inputValue()).resolves.toBe(
        'Gesprek',
      );
      // Only the wrong field gets a message.
      await expect(card.getByText('Vul dit in.').count()).resolves.toBe(0);
    });
  });
});
