/**
 * Issue 23's "done": in the Microsoft 365 Agents Playground a complaint is walked from intake to
 * closed by pressing, on every signal card, only its primary (positive) button — switching to the
 * person whose step it is with the demo role switch. The forms are filled as a person would; what
 * the card offers besides sits in the overflow and is never touched. The letters that went out are
 * read back from the outbox.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { amsterdamDate } from '../../src/domain/deadlines';
import { describeWithBrowser, screenshotOnFailure } from '../support/browser';
import {
  CARD,
  choose,
  INTAKE_INTRO,
  MESSAGE_BOX,
  PAGE_LOAD_MS,
  STEP_MS,
  clickOnLastCard,
  newCardAfter,
  pause,
  startPlaygroundSession,
  waitForTexts,
  type PlaygroundSession,
} from '../support/playground-ui';

const MAIL_WAIT_MS = 40_000;
/** A slot button on the slot card: "dinsdag 6 januari 2027 09:00–10:00". */
const SLOT_BUTTON = /^[a-z]+dag \d{1,2} [a-z]+ \d{4} \d{2}:\d{2}–\d{2}:\d{2}$/;

describeWithBrowser('A complaint from intake to closed, pressing only primary buttons (Playground)', () => {
  let session: PlaygroundSession | undefined;
  let page: Page;
  let reference = '';

  beforeAll(async () => {
    // A whole walk in one go clicks faster than a person: the flood guard would pause it.
    session = await startPlaygroundSession({ env: { FLOOD_BURST: '100' } });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  }, 20_000);

  const cards = () => page.locator(CARD);

  /**
   * The titles of the buttons the card shows as its primary ones: Action.Execute with style
   * positive, which the Playground's renderer marks with the class `style-positive`.
   */
  async function primaryTitles(card: Locator): Promise<string[]> {
    return card
      .locator('button:has(.style-positive)')
      .evaluateAll((buttons) => buttons.map((button) => (button.textContent ?? '').trim()));
  }

  /** Presses the card's one expected primary button and waits for the card to show `expected`. */
  async function pressPrimary(title: string, ...expected: string[]): Promise<string> {
    const card = cards().last();
    const primary = await primaryTitles(card);
    expect(primary).toContain(title);
    return clickOnLastCard(page, title, ...expected);
  }

  async function command(text: string, ...expected: string[]): Promise<Locator> {
    const { card } = await newCardAfter(page, text);
    await waitForTexts(card, ...expected);
    return card;
  }

  async function filesIn(dir: string, extension: string): Promise<string[]> {
    const names = await readdir(dir).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith(extension)).sort();
  }

  it(
    'walks it through, one green button at a time',
    async () => {
      await screenshotOnFailure(page, 'playground-primary-walk', async () => {
        await page.goto(session!.playground.url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_MS });
        await cards().filter({ hasText: 'Welkom bij Klantsignaal' }).first().waitFor({ timeout: PAGE_LOAD_MS });
        await page.locator(MESSAGE_BOX).waitFor();

        // Intake: Alex works at one centre, which is chosen already.
        const intake = await command('nieuw', INTAKE_INTRO);
        await expect(intake.getByRole('combobox', { name: 'Kindercentrum' }).inputValue()).resolves.toBe(
          'KDV De Zonnebloem, Utrecht',
        );
        await choose(page, intake, 'Soort signaal', 'Klacht');
        await intake
          .getByRole('combobox', { name: 'Datum ontvangen' })
          .fill(amsterdamDate(new Date(Date.now() - 24 * 3600 * 1000)));
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await choose(page, intake, 'Thema', 'Communicatie');
        await choose(page, intake, 'Hoe kwam het binnen?', 'Telefoon');
        await intake.getByLabel('Naam ouder').fill('Sanne de Vries');
        await intake.getByLabel('E-mail ouder').fill('sanne.devries@voorbeeld.nl');
        await choose(page, intake, 'Hoe wil de ouder contact?', 'Gesprek');
        await intake.getByLabel('Wat is er gebeurd?').fill('Bij het ophalen was de overdracht te kort.');
        const summary = await clickOnLastCard(page, 'Registreren', 'Signaal geregistreerd');
        reference = /KS-\d{4}-\d{4}/.exec(summary)?.[0] ?? '';
        await clickOnLastCard(page, 'Signaal openen', `${reference} · Klacht`);
        let card = cards().last();

        // Step 0, Alex: handle it; the parent is not satisfied.
        await pressPrimary('Afhandelen + tevredenheid', 'Hoe is het afgehandeld?');
        await card.getByLabel('Hoe is het afgehandeld?').fill('Besproken bij het ophalen.');
        await choose(page, card, 'Is de ouder tevreden?', 'Niet tevreden');
        await clickOnLastCard(page, 'Opslaan', 'Niet tevreden');
        // Now the next step is the centre.
        await pressPrimary('Doorzetten naar kindercentrum', 'Locatiemanager');
        await choose(page, card, 'Locatiemanager', 'Megan Bowen');
        await clickOnLastCard(page, 'Opslaan', 'Stap 1 · kindercentrum');

        // Step 1, Megan: to the organisation.
        await command('rol locatiemanager', 'Je bent nu Megan Bowen');
        card = await command(`status ${reference}`, 'Stap 1 · kindercentrum');
        await pressPrimary('Doorzetten naar organisatie', 'Manager primair proces / MT-lid');
        await choose(page, card, 'Manager primair proces / MT-lid', 'Adele Vance');
        await clickOnLastCard(page, 'Opslaan', 'Stap 2 · organisatie');

        // Step 2, Adele: plan in Outlook, confirm, hold the conversation, judge, ask, close.
        await command('rol manager', 'Je bent nu Adele Vance');
        card = await command(`status ${reference}`, 'Stap 2 · organisatie');
        await pressPrimary('Gesprek plannen in Outlook', 'Kies een moment');
        await clickOnLastCard(page, card.getByRole('button', { name: SLOT_BUTTON }).first(), 'Gesprek gepland op');
        await pressPrimary('Bevestiging versturen', 'Klantsignaal mailt deze bevestiging naar s…@voorbeeld.nl.');
        await clickOnLastCard(page, 'Versturen', 'De bevestiging gemaild naar s…@voorbeeld.nl');
        await pressPrimary('Gesprek gevoerd', 'Wanneer is het gesprek gevoerd');
        await clickOnLastCard(page, 'Opslaan', 'Gevoerd op');
        await pressPrimary('Oordeel versturen', 'Klantsignaal mailt de brief met de uitkomst');
        // An empty date input speaks Dutch too.
        const measureDate = card.getByRole('combobox', { name: 'Termijn maatregel 1' });
        await expect(measureDate.getAttribute('placeholder')).resolves.toBe('Kies een datum');
        await expect(card.innerText()).resolves.not.toContain('Select a date');
        await card.getByLabel('Oordeel en redenen').fill('De overdracht was te kort; dat had niet mogen gebeuren.');
        await choose(page, card, 'Strekking', 'Deels gegrond');
        await clickOnLastCard(page, 'Versturen', 'De brief met de uitkomst gemaild naar s…@voorbeeld.nl');
        await pressPrimary('Afhandelen + tevredenheid', 'Is de ouder tevreden?');
        await card.getByLabel('Hoe is het afgehandeld?').fill('Oordeel nagebeld.');
        await choose(page, card, 'Is de ouder tevreden?', 'Tevreden');
        await clickOnLastCard(page, 'Opslaan', 'Tevreden');
        await pressPrimary('Sluiten', 'Bevestigen');
        const closed = await clickOnLastCard(page, 'Bevestigen', 'Gesloten');
        expect(closed).toContain('afgehandeld op');
        await expect(primaryTitles(cards().last())).resolves.toEqual([]);

        const stored = await session!.playground.app.services.store.getByReference(reference);
        expect(stored?.value.status).toBe('closed');
        expect(stored?.value.decision).toMatchObject({ form: 'judgment', sentVia: 'email' });

        // Every letter in the outbox names date, place, person and contact details.
        const mail = join(session!.playground.dataDir, 'outbox', 'mail');
        const deadline = Date.now() + MAIL_WAIT_MS;
        let eml = await filesIn(mail, '.eml');
        while (eml.length < 2 && Date.now() < deadline) {
          await pause(500);
          eml = await filesIn(mail, '.eml');
        }
        expect(eml).toHaveLength(2);
        for (const file of eml) {
          const text = (await readFile(join(mail, file), 'utf8')).replace(/=\r?\n/g, '');
          expect(text).toMatch(/\d{1,2} [a-z]+ 20\d\d/);
          expect(text).toContain('KDV De Zonnebloem');
          expect(text).toContain('Adele Vance');
          expect(text).toContain('030 123 45 67');
        }
      });
    },
    PAGE_LOAD_MS + STEP_MS * 20 + MAIL_WAIT_MS,
  );
});
