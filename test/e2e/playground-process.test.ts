/**
 * End to end, as a person would: one complaint taken through the first steps of the process in the
 * Microsoft 365 Agents Playground, driven in Debian's Chromium. Registers it, opens the signal card,
 * handles it (parent not satisfied), escalates it to the childcare centre (Megan Bowen), then — as
 * Megan, via the demo role switch — to the organisation (Adele Vance). As Adele it plans the
 * conversation from a free Outlook slot and confirms it to the parent; the embedded default writes
 * the invitation (.ics) and the letter (.eml) into the bot's outbox folder. Every button is an
 * Action.Execute whose answer replaces the card in place; only typed commands add new messages.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { amsterdamDate } from '../../src/domain/deadlines';
import { formatDateTime } from '../../src/i18n/format';
import { describeWithBrowser, screenshotOnFailure } from '../support/browser';
import {
  CARD,
  choose,
  INTAKE_INTRO,
  MESSAGE_BOX,
  PAGE_LOAD_MS,
  clickOnLastCard,
  newCardAfter,
  pause,
  startPlaygroundSession,
  STEP_MS,
  waitForTexts,
  type PlaygroundSession,
} from '../support/playground-ui';

/** Letters go out at once; should that miss, the outbox job retries every 30 s. */
const MAIL_WAIT_MS = 40_000;

const PARENT = {
  name: 'Sanne de Vries',
  email: 'sanne.devries@voorbeeld.nl',
  description: 'Bij het ophalen was de overdracht te kort.',
  wish: 'Een gesprek met de locatiemanager',
};
const HANDLING = 'Gesprek gehad bij het ophalen; de ouder blijft ontevreden.';

/** The finished files with this extension in `dir` (writeOnce's `.tmp` files are not), sorted; none if it does not exist. */
async function filesIn(dir: string, extension: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith(extension)).sort();
}

/** iCalendar folds lines at 75 octets (CRLF + a space); unfolded, a reference is never split. */
const unfoldIcs = (text: string) => text.replace(/\r?\n[ \t]/g, '');

/** "Gepland op" with a Dutch date-time (formatDateTime: "di 6 jan 2027 14:30") as its fact value. */
const PLANNED_FACT = /Gepland op\s+(ma|di|wo|do|vr|za|zo)\.? \d{1,2} [a-z]{3,4}\.? \d{4} \d{2}:\d{2}/;
/** A slot button: "dinsdag 6 januari 2027 09:00–10:00". */
const SLOT_BUTTON = /^[a-z]+dag \d{1,2} [a-z]+ \d{4} \d{2}:\d{2}–\d{2}:\d{2}$/;

describeWithBrowser('One complaint through the process in the Microsoft 365 Agents Playground (Chromium)', () => {
  let session: PlaygroundSession | undefined;
  let page: Page;
  let reference = '';

  beforeAll(async () => {
    // Clicked faster than a person would: the flood guard must not pause the walk.
    session = await startPlaygroundSession({ env: { FLOOD_BURST: '100' } });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  }, 20_000);

  const cards = () => page.locator(CARD);
  const lastCard = () => cards().last();

  /** Types a command and returns the new last card, once it shows `expected`; checks it is one new message. */
  async function command(text: string, ...expected: string[]): Promise<Locator> {
    const { card, before } = await newCardAfter(page, text);
    await waitForTexts(card, ...expected);
    await expect(cards().count()).resolves.toBe(before + 1);
    return card;
  }

  const clickInPlace = (button: string | Locator, ...expected: string[]) => clickOnLastCard(page, button, ...expected);

  /** Fills the intake card the way an employee would (as in playground.test.ts). */
  async function fillIntake(card: Locator): Promise<void> {
    await choose(page, card, 'Soort signaal', 'Klacht');
    const receivedOn = amsterdamDate(new Date(Date.now() - 24 * 3600 * 1000));
    await card.getByRole('combobox', { name: 'Datum ontvangen' }).fill(receivedOn);
    // The picker opens over the card (and hides the rest from the accessibility tree): close it.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await choose(page, card, 'Kindercentrum', 'KDV De Zonnebloem, Utrecht');
    await choose(page, card, 'Thema', 'Communicatie');
    await choose(page, card, 'Hoe kwam het binnen?', 'Telefoon');
    await card.getByLabel('Naam ouder').fill(PARENT.name);
    await card.getByLabel('E-mail ouder').fill(PARENT.email);
    await choose(page, card, 'Hoe wil de ouder contact?', 'Gesprek');
    await card.getByLabel('Wat is er gebeurd?').fill(PARENT.description);
    await card.getByLabel('Wat wil de ouder?').fill(PARENT.wish);
  }

  it(
    'opens the chat',
    async () => {
      await screenshotOnFailure(page, 'playground-process-open', async () => {
        await page.goto(session!.playground.url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_MS });
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
      await choose(page, card, 'Is de ouder tevreden?', 'Niet tevreden');
      let text = await clickInPlace('Opslaan', 'Afhandelen + tevredenheid: opgeslagen.', 'Niet tevreden', HANDLING);
      // The form is gone again.
      await expect(card.getByLabel('Hoe is het afgehandeld?').count()).resolves.toBe(0);

      await clickInPlace('Doorzetten naar kindercentrum', 'Locatiemanager', 'Opslaan');
      await choose(page, card, 'Locatiemanager', 'Megan Bowen');
      text = await clickInPlace('Opslaan', 'Doorzetten naar kindercentrum: opgeslagen.', 'Stap 1 · kindercentrum');
      expect(text).toContain('Niet tevreden');

      const stored = await session!.playground.app.services.store.getByReference(reference);
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
      await choose(page, card, 'Manager primair proces / MT-lid', 'Adele Vance');
      const text = await clickInPlace(
        'Opslaan',
        'Doorzetten naar organisatie: opgeslagen.',
        'Stap 2 · organisatie',
        'Bevestiging (deze week)',
        'Gesprek (binnen 2 weken)',
      );
      expect(text).toContain('Adele Vance');

      await command('rol ik', 'Je bent weer jezelf.');
      const stored = await session!.playground.app.services.store.getByReference(reference);
      expect(stored?.value.history.map((event) => event.type)).toEqual([
        'registered',
        'handled',
        'escalatedToLocation',
        'escalatedToOrganisation',
      ]);
    });
  });

  it(
    'as the manager (demo role), plans the conversation from an Outlook slot and confirms it to the parent',
    async () => {
      await screenshotOnFailure(page, 'playground-process-plan', async () => {
        const outbox = join(session!.playground.dataDir, 'outbox');
        const invites = join(outbox, 'invites');
        const mail = join(outbox, 'mail');
        await expect(filesIn(invites, '.ics')).resolves.toEqual([]);
        await expect(filesIn(mail, '.eml')).resolves.toEqual([]);

        await command('rol manager', 'Je bent nu Adele Vance');
        const card = await command(`status ${reference}`, `${reference} · Klacht`, 'Stap 2 · organisatie');
        const planButton = card.getByRole('button', { name: 'Gesprek plannen in Outlook', exact: true });
        await expect(planButton.count()).resolves.toBe(1);

        // The slot card, in place of the signal card: up to three free moments before the deadline.
        await clickInPlace(planButton, `Kies een moment voor het gesprek over ${reference}`, 'Terug naar het signaal');
        const slots = card.getByRole('button', { name: SLOT_BUTTON });
        const slotCount = await slots.count();
        expect(slotCount).toBeGreaterThanOrEqual(1);
        expect(slotCount).toBeLessThanOrEqual(3);
        const slotTitle = (await slots.first().innerText()).trim();
        const slotFrom = /(\d{2}:\d{2})–/.exec(slotTitle)?.[1] ?? '';

        // Picking it plans the conversation and sends the invitation: the signal card is back, in place.
        const text = await clickInPlace(
          slots.first(),
          'Gesprek gepland op',
          'De Outlook-uitnodiging is verstuurd.',
          `${reference} · Klacht`,
          'Stap 2 · organisatie',
        );
        expect(text).not.toContain('Kies een moment');
        expect(text).toMatch(PLANNED_FACT);
        const planned = await session!.playground.app.services.store.getByReference(reference);
        const plannedFor = planned?.value.escalation?.conversation.plannedFor ?? '';
        expect(plannedFor).not.toBe('');
        // The fact shows the moment that was stored, which is the slot that was clicked.
        expect(text).toContain(formatDateTime(plannedFor));
        expect(formatDateTime(plannedFor)).toContain(` ${slotFrom}`);
        // Planned: the button is gone (and the slot card with its buttons was replaced).
        await expect(planButton.count()).resolves.toBe(0);
        await expect(slots.count()).resolves.toBe(0);

        const icsFiles = await filesIn(invites, '.ics');
        expect(icsFiles).toHaveLength(1);
        const ics = unfoldIcs(await readFile(join(invites, icsFiles[0]!), 'utf8'));
        expect(ics).toContain('BEGIN:VEVENT');
        expect(ics).toContain(reference);

        // The confirmation: the form shows the letter and where it goes, then says what went out.
        await clickInPlace(
          'Bevestiging versturen',
          'Klantsignaal mailt deze bevestiging naar s…@voorbeeld.nl.',
          'Versturen',
        );
        await clickInPlace('Versturen', 'De bevestiging gemaild naar s…@voorbeeld.nl');
        await expect(card.getByRole('button', { name: 'Brief', exact: true }).count()).resolves.toBe(1);
        await expect(card.getByRole('button', { name: 'Versturen', exact: true }).count()).resolves.toBe(0);
        await expect(planButton.count()).resolves.toBe(0);

        const deadline = Date.now() + MAIL_WAIT_MS;
        let emlFiles = await filesIn(mail, '.eml');
        while (emlFiles.length === 0 && Date.now() < deadline) {
          await pause(500);
          emlFiles = await filesIn(mail, '.eml');
        }
        expect(emlFiles).toHaveLength(1);
        const eml = await readFile(join(mail, emlFiles[0]!), 'utf8');
        expect(eml).toContain(`X-Klantsignaal-Reference: ${reference}`);
        expect(eml).toContain(PARENT.email);
        // Still one invitation: confirming sends no second one.
        await expect(filesIn(invites, '.ics')).resolves.toHaveLength(1);

        await command('rol ik', 'Je bent weer jezelf.');
        const stored = await session!.playground.app.services.store.getByReference(reference);
        expect(stored?.value.escalation?.confirmationSentAt).toBeTruthy();
        expect(stored?.value.history.map((event) => event.type).slice(4)).toEqual([
          'conversationPlanned',
          'invitationSent',
          'confirmationSent',
          'letterGenerated',
          'letterEmailed',
        ]);
      });
    },
    STEP_MS * 4 + MAIL_WAIT_MS,
  );
});
