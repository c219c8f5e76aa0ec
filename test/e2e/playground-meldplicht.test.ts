/**
 * Issue 22's "Done means", as a person would try it in the Microsoft 365 Agents Playground (Debian's
 * Chromium): Alex Wilber (medewerker) registers a complaint with the triage question answered yes;
 * only the named people (Patti Fernandez, houder; Adele Vance, aandachtsfunctionaris) are notified
 * (e-mail in the local outbox; the Teams notice, as neither has a chat here, in the activity-feed
 * stand-in); the location manager's and staf kw's commands show nothing of it; as Patti (`rol mt`)
 * the consultation with the vertrouwensinspecteur and the aangifte are recorded with their times.
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
  clickOnLastCard,
  newCardAfter,
  startPlaygroundSession,
  waitForTexts,
  waitUntil,
  type PlaygroundSession,
} from '../support/playground-ui';

const TEST_MS = 120_000;
const PARENT = 'Geheime Ouder';
const DESCRIPTION = 'Mijn dochter vertelt dat een invalkracht haar hard vastpakte en sloeg.';
const PATTI = '00000000-0000-0000-0000-0000000000024';
const ADELE = '00000000-0000-0000-0000-0000000000022';

describeWithBrowser('Meldplicht in the Microsoft 365 Agents Playground (Chromium): issue 22', () => {
  let session: PlaygroundSession | undefined;
  let page: Page;
  let reference = '';

  beforeAll(async () => {
    session = await startPlaygroundSession({
      // The walk types some thirty commands within seconds, faster than a person: not a flood here.
      env: { REMINDERS_ENABLED: 'true', REMINDER_INTERVAL_SECONDS: '600', FLOOD_BURST: '100' },
    });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  }, 20_000);

  const cards = () => page.locator(CARD);
  const outbox = () => join(session!.playground.dataDir, 'outbox');

  async function command(text: string, ...expected: string[]): Promise<{ card: Locator; text: string }> {
    const { card, before } = await newCardAfter(page, text);
    const shown = await waitForTexts(card, ...expected);
    await expect(cards().count()).resolves.toBe(before + 1);
    return { card, text: shown };
  }

  const clickInPlace = (button: string, ...expected: string[]) => clickOnLastCard(page, button, ...expected);

  /** Nothing of the melding in what this role's commands show. */
  async function showsNothing(role: string, name: string): Promise<void> {
    await command(`rol ${role}`, `Je bent nu ${name}`);
    const commands: [string, string][] = [
      ['open', 'Openstaande signalen'],
      ['open zonnebloem klacht', 'Openstaande signalen'],
      ['te laat', 'Signalen over de termijn'],
      ['termijnen 60', 'Termijnen binnen 60 dagen'],
      ['mijn', 'Mijn openstaande signalen'],
      [`zoek ${reference}`, 'Zoekresultaat'],
      ['zoek geheime', 'Zoekresultaat'],
      ['overzicht', 'Overzicht'],
    ];
    for (const [text, title] of commands) {
      const { text: answer } = await command(text, title);
      // A search's title repeats what was typed.
      const shown = answer.replace(/Zoekresultaat voor "[^"]*"/, '');
      expect(shown).not.toContain(reference);
      expect(shown).not.toContain(PARENT);
    }
    const { text: status } = await command(`status ${reference}`, `Ik kan geen signaal ${reference}`);
    expect(status).not.toContain(PARENT);
  }

  it(
    'opens the chat',
    async () => {
      await screenshotOnFailure(page, 'playground-meldplicht-open', async () => {
        await page.goto(session!.playground.url, { waitUntil: 'domcontentloaded', timeout: PAGE_LOAD_MS });
        await cards().filter({ hasText: 'Welkom bij Klantsignaal' }).first().waitFor({ timeout: PAGE_LOAD_MS });
        await page.locator(MESSAGE_BOX).waitFor();
      });
    },
    PAGE_LOAD_MS + 15_000,
  );

  it(
    'an employee registers a complaint with the triage question answered yes: it is passed on',
    async () => {
      await screenshotOnFailure(page, 'playground-meldplicht-register', async () => {
        const { card } = await command('nieuw', INTAKE_INTRO, 'Gaat het (mogelijk) om geweld of een zedendelict');
        await choose(page, card, 'Soort signaal', 'Klacht');
        await card
          .getByRole('combobox', { name: 'Datum ontvangen' })
          .fill(amsterdamDate(new Date(Date.now() - 24 * 3600 * 1000)));
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await choose(page, card, 'Kindercentrum', 'KDV De Zonnebloem, Utrecht');
        await choose(page, card, 'Thema', 'Pedagogisch handelen');
        await choose(page, card, 'Hoe kwam het binnen?', 'Telefoon');
        await card.getByLabel('Naam ouder').fill(PARENT);
        await card.getByLabel('Telefoon ouder').fill('06 12345678');
        await choose(page, card, 'Hoe wil de ouder contact?', 'Gesprek');
        await card.getByLabel('Wat is er gebeurd?').fill(DESCRIPTION);
        await expect(card.getByRole('radio', { name: 'Nee' }).isChecked()).resolves.toBe(true);
        await card.getByRole('radio', { name: 'Ja' }).check();
        const text = await clickInPlace('Registreren', 'Doorgegeven (meldplicht)');
        reference = /KS-\d{4}-\d{4}/.exec(text)?.[0] ?? '';
        expect(reference).not.toBe('');
        expect(text).toContain('is doorgegeven aan de aandachtsfunctionaris en de houder');
        expect(text).not.toContain(DESCRIPTION);

        const stored = await session!.playground.app.services.store.getByReference(reference);
        expect(stored?.value.reportingDuty?.via).toBe('intake');
        // Alex himself no longer sees it.
        const { text: status } = await command(`status ${reference}`, reference);
        expect(status).toContain('is doorgegeven');
        expect(status).not.toContain(PARENT);
      });
    },
    TEST_MS,
  );

  it(
    'only the named people are notified: an e-mail each, and the Teams notice (activity-feed stand-in)',
    async () => {
      await screenshotOnFailure(page, 'playground-meldplicht-notified', async () => {
        const mails = await waitUntil(
          'two e-mails to the route in the outbox',
          async () =>
            (await readdir(join(outbox(), 'mail')).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')),
          (files) => files.length >= 2,
        );
        const bodies = await Promise.all(mails.map((file) => readFile(join(outbox(), 'mail', file), 'utf8')));
        const to = bodies.map((body) => /^To: .*?([a-z.]+@regenboog\.example)/m.exec(body)?.[1]).sort();
        expect(to).toEqual(['adele.vance@regenboog.example', 'patti.fernandez@regenboog.example']);
        for (const body of bodies) {
          expect(body).toContain(`Meldplicht: nieuwe melding ${reference}`);
          expect(body).not.toContain(PARENT);
          expect(body).not.toContain('invalkracht');
        }
        const notices = await waitUntil(
          'the Teams notices (feed stand-in) of the route',
          async () =>
            (await readFile(join(outbox(), 'notifications.jsonl'), 'utf8').catch(() => ''))
              .split('\n')
              .filter((line) => line.includes(reference)),
          (lines) => lines.length >= 2,
        );
        const users = notices.map((line) => (JSON.parse(line) as { userId: string }).userId).sort();
        expect(users).toEqual([ADELE, PATTI].sort());
      });
    },
    TEST_MS,
  );

  it(
    "the location manager's and staf kw's commands show nothing of it",
    async () => {
      await screenshotOnFailure(page, 'playground-meldplicht-hidden', async () => {
        await showsNothing('locatiemanager', 'Megan Bowen');
        await showsNothing('staf', 'Isaiah Langer');
      });
    },
    TEST_MS * 2,
  );

  it(
    'as the houder, records the consultation with the vertrouwensinspecteur and the aangifte, with their times',
    async () => {
      await screenshotOnFailure(page, 'playground-meldplicht-steps', async () => {
        await command('rol mt', 'Je bent nu Patti Fernandez');
        const { text: open } = await command('open', reference);
        expect(open).toContain(reference);
        // The parent's details are folded on the card; the melding's steps are its first button.
        const { card } = await command(`status ${reference}`, `${reference} · Klacht`, 'Meldplicht openen');
        await clickInPlace('Meldplicht openen', `Meldplicht · ${reference}`, 'Overleg uiterlijk', '0900-111 3 111');

        await clickInPlace('Overleg vertrouwensinspecteur', 'Met wie bij de Inspectie (naam)', 'Opslaan');
        await card.getByLabel('Tijd (uu:mm)').fill('09:30');
        await card.getByLabel('Met wie bij de Inspectie (naam)').fill('Mw. Jansen');
        await choose(page, card, 'Waar gaat het om?', 'Geweld');
        await card.getByLabel('Advies van de vertrouwensinspecteur').fill('Redelijk vermoeden; doe aangifte.');
        await clickInPlace('Opslaan', 'Overleg vertrouwensinspecteur: opgeslagen.', 'Mw. Jansen', '09:30');

        await clickInPlace('Conclusie', 'Redelijk vermoeden van een strafbaar feit?', 'Opslaan');
        await choose(page, card, 'Redelijk vermoeden van een strafbaar feit?', 'Ja');
        await card.getByLabel('Toelichting').fill('Na overleg met de vertrouwensinspecteur.');
        await clickInPlace('Opslaan', 'Conclusie: opgeslagen.', 'Aangifte politie');

        await clickInPlace('Aangifte politie', 'Aangifte gedaan door (naam, functie)', 'Opslaan');
        await card.getByLabel('Tijd (uu:mm)').fill('11:15');
        await card.getByLabel('Aangifte gedaan door (naam, functie)').fill('Patti Fernandez, houder');
        const text = await clickInPlace('Opslaan', 'Aangifte politie: opgeslagen.', '11:15', 'Patti Fernandez, houder');
        expect(text).toContain('Meldplicht: aangifte bij de politie vastgelegd');

        const duty = (await session!.playground.app.services.store.getByReference(reference))!.value.reportingDuty!;
        expect(duty.consultation).toMatchObject({ time: '09:30', inspector: 'Mw. Jansen', offence: 'violence' });
        expect(duty.conclusion?.reasonableSuspicion).toBe(true);
        expect(duty.policeReport).toMatchObject({ time: '11:15', by: 'Patti Fernandez, houder' });
        const { id } = (await session!.playground.app.services.store.getByReference(reference))!.value;
        const log = await session!.playground.app.services.accessLog!.list({ signalId: id });
        expect(log.filter((entry) => entry.personId === PATTI && entry.action === 'act')).toHaveLength(3);
        expect(log.some((entry) => entry.personId === PATTI && entry.action === 'view')).toBe(true);
      });
    },
    TEST_MS,
  );
});
